package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public {@link EventReader#read} reads event files as the scanner does: every record reported, in order. */
class EventStreamApiTest {

    private static final String MIXED = """
            {"EventID": 1, "Image": "a.exe"}
            not json at all
            {"EventID": 2, "Image": "b.exe",
            {"EventID": 3,
             "Image": "c.exe"}

            {"EventID": 4}{"EventID": 5}
            """;

    private record Read(EventReader.ReadSummary summary, List<String> events, List<Long> errorLines) {
    }

    private static Read read(byte[] bytes) throws IOException {
        List<String> events = new ArrayList<>();
        List<Long> errorLines = new ArrayList<>();
        EventReader.ReadSummary s = Sigma.eventReader().read("mixed.jsonl", new ByteArrayInputStream(bytes),
                new EventReader.RecordListener() {
                    @Override
                    public void onEvent(Event event, long line) {
                        events.add(line + ":" + event.get("EventID"));
                    }

                    @Override
                    public void onError(long line, String reason) {
                        assertTrue(!reason.isBlank(), "a reason is given");
                        errorLines.add(line);
                    }
                });
        return new Read(s, events, errorLines);
    }

    @Test
    void everyRecordIsAnEventOrAnErrorWithItsLine() throws IOException {
        Read r = read(MIXED.getBytes(StandardCharsets.UTF_8));
        // The unclosed object on line 3 is an error and does not swallow the pretty-printed object of lines 4-5.
        assertEquals(List.of("1:1", "4:3", "7:4", "7:5"), r.events());
        assertEquals(List.of(2L, 3L), r.errorLines());
        assertEquals(new EventReader.ReadSummary(6, 4, 2), r.summary());
    }

    @Test
    void gzipIsRecognisedByContent() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(MIXED.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(read(MIXED.getBytes(StandardCharsets.UTF_8)), read(buf.toByteArray()));
        byte[] truncated = java.util.Arrays.copyOf(buf.toByteArray(), buf.size() / 2);
        Read r = read(truncated);
        assertEquals(r.summary().records(), r.summary().events() + r.summary().errors());
        assertTrue(r.summary().errors() >= 1, "a truncated stream ends with an error record");
    }
}
