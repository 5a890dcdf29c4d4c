package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.SigmaNumber;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * How event values are seen by comparisons: as text, as numbers, as booleans and as timestamps. These rules are
 * the engine's decisions where the specification is silent (see the project's decisions document).
 */
public final class Scalars {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();
    private static final DateTimeFormatter OFFSET_COMPACT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(LOCAL)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private Scalars() {
    }

    /** Whether a value is a scalar (string, number or boolean). */
    public static boolean isScalar(Object v) {
        return v instanceof CharSequence || v instanceof Number || v instanceof Boolean;
    }

    /**
     * The text a string comparison sees: strings as they are, booleans as {@code true}/{@code false}, integers in
     * plain decimal, other numbers in plain decimal without exponent.
     */
    public static CharSequence text(Object v) {
        if (v instanceof CharSequence cs) {
            return cs;
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            String s = Double.toString(d);
            return s.indexOf('E') >= 0 ? BigDecimal.valueOf(d).toPlainString() : s;
        }
        return String.valueOf(v);
    }

    /**
     * The number a numeric comparison sees: a JSON number, or a string holding a decimal number ({@code "4688"},
     * {@code "04688"}, {@code "1.5"}; never hex or octal). {@code null} if the value is not numeric.
     */
    public static SigmaNumber number(Object v) {
        if (v instanceof Number n) {
            return SigmaNumber.of(n);
        }
        if (v instanceof CharSequence cs) {
            return SigmaNumber.parseDecimal(cs);
        }
        return null;
    }

    /** A boolean event value or the string true/false in any case; {@code null} otherwise. */
    public static Boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof CharSequence cs) {
            int n = cs.length();
            if (n == 4 && equalsIgnoreAsciiCase(cs, "true")) {
                return Boolean.TRUE;
            }
            if (n == 5 && equalsIgnoreAsciiCase(cs, "false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    private static boolean equalsIgnoreAsciiCase(CharSequence cs, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = cs.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant of a timestamp value: an ISO 8601 / RFC 3339 string (with {@code T} or a space, optional
     * fraction, optional offset; no offset means UTC), or a number of epoch milliseconds. {@code null} if the
     * value is not a timestamp.
     */
    public static Instant timestamp(Object v) {
        if (v instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.2e15) {
                    return null;
                }
                return Instant.ofEpochMilli((long) d);
            }
            SigmaNumber sn = SigmaNumber.of(n);
            if (sn == null || !sn.isLong()) {
                return null;
            }
            try {
                return Instant.ofEpochMilli(sn.longValue());
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (!(v instanceof CharSequence cs)) {
            return null;
        }
        String s = cs.toString().trim();
        if (s.length() < 10 || s.length() > 64 || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s, OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the other accepted forms
        }
        try {
            return OffsetDateTime.parse(s, OFFSET_COMPACT).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The value of one field of an instant in UTC; {@code WEEK} is the ISO-8601 week of the week-based year. */
    public static int timePart(Instant instant, io.sigmaengine.engine.model.SigmaValue.TimeUnitPart part) {
        var t = instant.atOffset(ZoneOffset.UTC);
        return switch (part) {
            case MINUTE -> t.getMinute();
            case HOUR -> t.getHour();
            case DAY -> t.getDayOfMonth();
            case WEEK -> t.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> t.getMonthValue();
            case YEAR -> t.get(ChronoField.YEAR);
        };
    }
}
