package io.sigmaengine.engine.correlate;

import io.sigmaengine.engine.match.Scalars;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written RFC 3339 parser agrees with the engine's general timestamp reading. */
class EventTimeTest {

    @Test
    void commonShapes() {
        assertEquals(micros("2026-03-01T10:00:00Z"), EventTime.of("2026-03-01T10:00:00Z"));
        assertEquals(micros("2026-03-01T10:00:00.001Z"), EventTime.of("2026-03-01T10:00:00.001Z"));
        assertEquals(micros("2026-03-01T08:00:00.1234567Z"), EventTime.of("2026-03-01T10:00:00.1234567+02:00"));
        assertEquals(micros("2024-02-29T23:59:59Z"), EventTime.of("2024-02-29 23:59:59z"));
        assertEquals(micros("2026-03-01T10:00:00Z"), EventTime.of("2026-03-01 10:00:00"), "no offset means UTC");
        assertEquals(micros("1970-01-01T00:00:01.5Z"), EventTime.of(1500L), "numbers are epoch milliseconds");
        assertEquals(micros("2022-05-01T12:00:00.123Z"), EventTime.of("2022-05-01 12:00:00.123"), "Sysmon UtcTime");
    }

    /** (The general parser resolves out-of-range days and 24:00 leniently; the fast path defers to it.) */
    @Test
    void nonTimestamps() {
        for (Object v : new Object[]{"2026-13-01T10:00:00Z", "yesterday", "", null, true,
                java.util.List.of()}) {
            assertEquals(EventTime.NONE, EventTime.of(v), String.valueOf(v));
        }
    }

    @Property(tries = 2000)
    void agreesWithTheGeneralParser(@ForAll @LongRange(min = -2_000_000_000_000L, max = 200_000_000_000L) long seconds,
                                    @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                    @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
                                    @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes,
                                    @ForAll boolean zulu) {
        Instant i = Instant.ofEpochSecond(seconds % 253_402_300_799L, nanos);
        ZoneOffset off = zulu ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        OffsetDateTime odt = i.atOffset(off);
        if (odt.getYear() < 0 || odt.getYear() > 9999) {
            return;
        }
        String pattern = "uuuu-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits));
        String text = odt.format(DateTimeFormatter.ofPattern(pattern)) + (zulu ? "Z"
                : odt.getOffset().getId().equals("Z") ? "+00:00" : odt.getOffset().getId());
        Instant general = Scalars.timestamp(text);
        assertEquals(general == null ? EventTime.NONE : EventTime.micros(general), EventTime.of(text), text);
    }

    private static long micros(String iso) {
        return EventTime.micros(Instant.parse(iso));
    }
}
