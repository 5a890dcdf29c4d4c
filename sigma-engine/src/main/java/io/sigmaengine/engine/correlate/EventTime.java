package io.sigmaengine.engine.correlate;

import io.sigmaengine.engine.match.Scalars;

import java.time.Instant;

/**
 * Event time as epoch microseconds. Parses the common RFC 3339 shape by hand (it is read for every event of a rule
 * set with correlations) and falls back to {@link Scalars#timestamp} for every other accepted form, so both agree.
 */
final class EventTime {

    /** No timestamp. */
    static final long NONE = Long.MIN_VALUE;

    /** Latest representable time; also "end of input". */
    static final long MAX = Long.MAX_VALUE;

    private EventTime() {
    }

    /** The time of a field value, or {@link #NONE}. */
    static long of(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            long millis = ((Number) v).longValue();
            if (Math.abs(millis) <= Long.MAX_VALUE / 1000) {
                return millis * 1_000L;
            }
        }
        if (v instanceof CharSequence cs) {
            long t = parseRfc3339(cs);
            if (t != NONE) {
                return t;
            }
        } else if (!(v instanceof Number)) {
            return NONE;
        }
        Instant i = Scalars.timestamp(v);
        return i == null ? NONE : micros(i);
    }

    static long micros(Instant i) {
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
        } catch (ArithmeticException e) {
            return i.getEpochSecond() < 0 ? NONE + 1 : MAX - 1;
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** {@code a + b} without overflow (clamped), for window ends. */
    static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? NONE + 1 : MAX - 1) : r;
    }

    /** {@code a - b} without overflow (clamped), for window starts. */
    static long minus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? NONE + 1 : MAX - 1) : r;
    }

    /**
     * {@code YYYY-MM-DD(T| )hh:mm:ss[.fraction](Z|z|±hh:mm)}, or {@link #NONE} for anything else (which the caller
     * hands to the general parser).
     */
    static long parseRfc3339(CharSequence s) {
        int n = s.length();
        if (n < 20 || n > 40 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')) {
            return NONE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NONE;
        }
        int i = 19;
        long micros = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            long scale = 100_000;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                micros += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start || i - start > 9) {
                return NONE;
            }
        }
        if (i >= n) {
            return NONE;
        }
        int offsetSeconds;
        char z = s.charAt(i);
        if ((z == 'Z' || z == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return NONE;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return NONE;
        }
        long epochSeconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                - offsetSeconds;
        return epochSeconds * 1_000_000L + micros;
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@link java.time.LocalDate}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!((year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
