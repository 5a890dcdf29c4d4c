package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFileReaderTest {

    private static final JsonEventReader READER = new JsonEventReader(Limits.defaults());

    /** One record as reported: line, and either the event or the error reason. */
    record Rec(long line, Event event, String error) {
        boolean ok() {
            return event != null;
        }

        @Override
        public String toString() {
            return line + (ok() ? " ok " + event : " error " + error);
        }
    }

    /** Collects records and checks the summary invariant. */
    static final class Collector implements EventReader.RecordListener {
        final List<Rec> records = new ArrayList<>();
        EventFileReader.Summary summary;

        @Override
        public void onEvent(Event event, long line) {
            records.add(new Rec(line, event, null));
        }

        @Override
        public void onError(long line, String reason) {
            records.add(new Rec(line, null, reason));
        }

        List<String> shape() {
            return records.stream().map(r -> r.line() + (r.ok() ? " ok" : " error")).toList();
        }
    }

    static Collector read(byte[] input, JsonEventReader reader, boolean slow) {
        Collector c = new Collector();
        try {
            InputStream in = new ByteArrayInputStream(input);
            c.summary = EventFileReader.read("test", slow ? new OneByteAtATime(in) : in, reader, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(c.records.size(), c.summary.records(), "one callback per record");
        assertEquals(c.summary.records(), c.summary.events() + c.summary.errors());
        assertEquals(c.records.stream().filter(Rec::ok).count(), c.summary.events());
        return c;
    }

    /** Reads in one go and byte by byte (every chunk boundary); both must report the same records. */
    static Collector read(byte[] input, JsonEventReader reader) {
        Collector fast = read(input, reader, false);
        Collector slow = read(input, reader, true);
        assertEquals(fast.records.toString(), slow.records.toString(), "independent of how the input is chunked");
        return fast;
    }

    static Collector read(String input) {
        return read(input.getBytes(StandardCharsets.UTF_8), READER);
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual != null && actual.contains(expected), () -> "expected \"" + expected + "\" in: " + actual);
    }

    @Test
    void jsonLinesWithLineNumbersBlankLinesAndCrlf() {
        Collector c = read("{\"a\":1}\n\n   \n{\"a\":2}\r\n\r\n{\"a\":3}");
        assertEquals(List.of("1 ok", "4 ok", "6 ok"), c.shape());
        assertEquals(List.of(1, 2, 3), c.records.stream().map(r -> r.event().get("a")).toList());
        assertEquals(new EventFileReader.Summary("test", 3, 3, 0), c.summary);
    }

    @Test
    void emptyInputHasNoRecords() {
        assertEquals(new EventFileReader.Summary("test", 0, 0, 0), read("").summary);
        assertEquals(new EventFileReader.Summary("test", 0, 0, 0), read("\n \r\n\t\n").summary);
    }

    @Test
    void mixedGoodAndBadLines() {
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        String[] lines = {
            "{\"ok\":1}",                       // 1
            "{\"truncated\":",                  // 2
            "{\"ok\":3}",                       // 3 survives the truncated line before it
            "garbage text",                     // 4
            "{\"a\":1}{\"b\":2}",               // 5 two records
            "[1,2]",                            // 6
            "\"str\"",                          // 7
            "{\"n\":NaN}",                      // 8
            "{\"d\":1,\"d\":2}",                // 9
            deep,                               // 10
            null,                               // 11 invalid UTF-8
            "",                                 // 12 empty
            "{\"ok\":13}\r",                    // 13 CRLF
            "{\"s\":\"unterminated",            // 14
            "{\"ok\":15}",                      // 15
            "{\"a\":1} trailing",               // 16 object, then an error for the rest
            "NaN",                              // 17
            "{\"ok\":18}",                      // 18
        };
        for (String line : lines) {
            file.writeBytes(line == null ? invalidUtf8 : line.getBytes(StandardCharsets.UTF_8));
            file.write('\n');
        }
        Collector c = read(file.toByteArray(), READER);
        assertEquals(List.of("1 ok", "2 error", "3 ok", "4 error", "5 ok", "5 ok", "6 error", "7 error", "8 error",
                "9 error", "10 error", "11 error", "13 ok", "14 error", "15 ok", "16 ok", "16 error", "17 error",
                "18 ok"), c.shape());
        assertEquals(new EventFileReader.Summary("test", 19, 8, 11), c.summary);
        List<Rec> r = c.records;
        assertContains("Unexpected end-of-input", r.get(1).error());
        assertContains("Unrecognized token 'garbage'", r.get(3).error());
        assertEquals(2, r.get(5).event().get("b"));
        assertContains("expected a JSON object, found an array at line 6, column 1", r.get(6).error());
        assertContains("found a string", r.get(7).error());
        assertContains("'NaN'", r.get(8).error());
        assertContains("duplicate key \"d\"", r.get(9).error());
        assertContains("nested deeper than 256 levels", r.get(10).error());
        assertEquals("invalid UTF-8: byte 0xC3 at line 11, column 7", r.get(11).error());
        assertEquals(13, r.get(12).event().get("ok"));
        assertContains("Illegal unquoted character", r.get(13).error());
        assertContains("line 16, column 17", r.get(16).error()); // just past "trailing"
    }

    @Test
    void aBackslashAtTheEndOfALineDoesNotSwallowTheNextLine() {
        Collector c = read("{\"a\":\"x\\\n{\"ok\":2}\n");
        assertEquals(List.of("1 error", "2 ok"), c.shape());
    }

    @Test
    void prettyPrintedObjectsOneAfterAnother() {
        String input = "{\n  \"a\": {\n    \"b\": [\n      1,\n      2\n    ]\n  }\n}\n"
                + "{\n  \"c\": \"}{\"\n}{\"d\": 4}\n"
                + "  {\n  \"e\": 5\n  }\n";
        Collector c = read(input);
        assertEquals(List.of("1 ok", "9 ok", "11 ok", "12 ok"), c.shape());
        assertEquals(List.of(1, 2), c.records.get(0).event().get("a.b"));
        assertEquals("}{", c.records.get(1).event().get("c"));
        assertEquals(4, c.records.get(2).event().get("d"));
        assertEquals(5, c.records.get(3).event().get("e"));
    }

    @Test
    void aMalformedPrettyPrintedObjectResumesAtTheNextTopLevelBrace() {
        String input = "{\n  \"a\": 1,\n  \"b\": oops\n  \"c\": {\n    \"x\": 1\n  }\n}\n"
                + "{\n  \"unclosed\": {\n    \"x\": 1\n  }\n"
                + "{\n  \"good\": true\n}\n";
        Collector c = read(input);
        assertEquals(List.of("1 error", "8 error", "12 ok"), c.shape());
        assertContains("Unrecognized token 'oops'", c.records.get(0).error());
        assertContains("at line 3, column", c.records.get(0).error());
        assertContains("Unexpected end-of-input", c.records.get(1).error());
        assertEquals(true, c.records.get(2).event().get("good"));
    }

    @Test
    void aTruncatedLastObjectIsAnErrorRecord() {
        Collector c = read("{\"a\":1}\n{\n  \"b\": {\n    \"c\": 2");
        assertEquals(List.of("1 ok", "2 error"), c.shape());
        assertContains("Unexpected end-of-input", c.records.get(1).error());
    }

    @Test
    void errorLocationsReferToTheFile() {
        Collector c = read("{\"a\":1}\n\n   {\"b\": x}\n{\n  \"c\": 1,\n  \"d\": y\n}\n");
        assertEquals(List.of("1 ok", "3 error", "4 error"), c.shape());
        assertContains("at line 3, column 12", c.records.get(1).error()); // Jackson points just past the token
        assertContains("at line 6, column 10", c.records.get(2).error());
    }

    @Test
    void utf8ByteOrderMarkAtTheStartIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] input = concat(bom, "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("1 ok", "2 ok"), read(input, READER).shape());
    }

    @Test
    void recordsLargerThanTheLimitAreSkippedWithoutBeingBuffered() {
        JsonEventReader small = new JsonEventReader(Limits.defaults().withMaxEventBytes(100));
        String big = "{\"a\":\"" + "x".repeat(200) + "\"}";
        String bigGarbage = "y".repeat(150);
        Collector c = read(("{\"ok\":1}\n" + big + "\n{\"ok\":3}\n" + bigGarbage + "\n{\"ok\":5}\n"
                + "{\n\"p\": \"" + "z".repeat(120) + "\"\n}\n{\"ok\":9}\n").getBytes(StandardCharsets.UTF_8), small);
        assertEquals(List.of("1 ok", "2 error", "3 ok", "4 error", "5 ok", "6 error", "9 ok"), c.shape());
        assertContains("event of 208 bytes is larger than 100 bytes (Limits.maxEventBytes), skipped",
                c.records.get(1).error());
        assertContains("line of 150 bytes is larger than 100 bytes", c.records.get(3).error());
    }

    @Test
    void aHugeLineIsStreamedPastNotLoaded() throws IOException {
        JsonEventReader small = new JsonEventReader(Limits.defaults().withMaxEventBytes(1 << 20));
        long hugeLength = 200L << 20; // far more than the heap share a buffered copy could use unnoticed
        InputStream in = new SequenceOfParts(
                "{\"ok\":1}\n{\"big\":\"".getBytes(StandardCharsets.UTF_8), hugeLength,
                "\"}\n{\"ok\":3}\n".getBytes(StandardCharsets.UTF_8));
        Collector c = new Collector();
        EventFileReader.Summary s = EventFileReader.read("huge", in, small, c);
        assertEquals(List.of("1 ok", "2 error", "3 ok"), c.shape());
        assertContains("event of " + (8 + hugeLength + 2) + " bytes is larger than 1048576 bytes", c.records.get(1).error());
        assertEquals(3, s.records());
    }

    @Test
    void gzipIsDetectedByItsMagicBytes(@TempDir Path dir) throws IOException {
        byte[] plain = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);
        assertEquals(List.of("1 ok", "2 ok"), read(gz, READER).shape());
        Path file = dir.resolve("events.jsonl"); // no .gz extension
        Files.write(file, gz);
        Collector c = new Collector();
        assertEquals(new EventFileReader.Summary(file.toString(), 2, 2, 0), EventFileReader.read(file, READER, c));
    }

    @Test
    void concatenatedGzipMembersAreOneStream() {
        byte[] input = concat(gzip("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)),
                gzip("{\"a\":2}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("1 ok", "2 ok"), read(input, READER).shape());
    }

    @Test
    void aTruncatedGzipStreamIsAnErrorRecord() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            sb.append("{\"n\":").append(i).append(",\"pad\":\"").append(Integer.toHexString(i * 7919)).append("\"}\n");
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (int cut : new int[] {gz.length - 4, gz.length / 2, 12, 2}) {
            Collector c = read(Arrays.copyOf(gz, cut), READER);
            Rec last = c.records.get(c.records.size() - 1);
            assertTrue(!last.ok(), "last record is the failure");
            assertContains("compressed input truncated or corrupt", last.error());
            assertEquals(1, c.summary.errors(), "exactly one error for the break");
            for (int i = 0; i < c.records.size() - 1; i++) {
                assertEquals(i + 1, c.records.get(i).event().get("n"), "events before the break are intact");
            }
        }
    }

    @Test
    void aCorruptGzipStreamIsAnErrorRecord() {
        byte[] gz = gzip("{\"a\":1}\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] ^= 0x55;
        }
        Collector c = read(gz, READER);
        assertTrue(c.summary.errors() >= 1);
        assertContains("compressed input truncated or corrupt", c.records.get(c.records.size() - 1).error());
    }

    @Test
    void theCallersStreamIsNotClosedAndSinkExceptionsPropagate() throws IOException {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        EventFileReader.read("s", in, READER, new Collector());
        assertTrue(!closed[0]);
        EventReader.RecordListener failing = new EventReader.RecordListener() {
            @Override
            public void onEvent(Event event, long line) {
                throw new IllegalStateException("sink failed");
            }

            @Override
            public void onError(long line, String reason) {
            }
        };
        assertThrows(IllegalStateException.class, () -> EventFileReader.read("s",
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), READER, failing));
    }

    @Test
    void eventsAreOrdinaryEvents() {
        Collector c = read("{\"Event\":{\"System\":{\"EventID\":{\"#text\":4688}}}}\n{\"x\":{\"y\":1}}\n");
        assertEquals(4688, c.records.get(0).event().get("EventID"));
        assertEquals(1, c.records.get(1).event().get("x.y"));
        assertSame(Event.MISSING, c.records.get(1).event().get("EventID"));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Returns at most one byte per read: exercises every chunk boundary. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** A head, then {@code fillLength} bytes of 'x' generated on the fly, then a tail. */
    static final class SequenceOfParts extends InputStream {
        private final byte[] head;
        private final long fillLength;
        private final byte[] tail;
        private long pos;

        SequenceOfParts(byte[] head, long fillLength, byte[] tail) {
            this.head = head;
            this.fillLength = fillLength;
            this.tail = tail;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + fillLength + tail.length;
            if (pos >= total) {
                return -1;
            }
            int n = 0;
            while (n < len && pos < total) {
                if (pos < head.length) {
                    b[off + n] = head[(int) pos];
                } else if (pos < head.length + fillLength) {
                    int run = (int) Math.min(len - n, head.length + fillLength - pos);
                    Arrays.fill(b, off + n, off + n + run, (byte) 'x');
                    n += run;
                    pos += run;
                    continue;
                } else {
                    b[off + n] = tail[(int) (pos - head.length - fillLength)];
                }
                n++;
                pos++;
            }
            return n;
        }
    }
}
