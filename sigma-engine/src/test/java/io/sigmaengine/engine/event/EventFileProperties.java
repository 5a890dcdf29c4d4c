package io.sigmaengine.engine.event;

import io.sigmaengine.api.Limits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files mixing good events with every kind of bad line: the reader never throws, accounts for every record, and
 * delivers every good event at its line whatever comes before it.
 */
class EventFileProperties {

    private static final JsonEventReader READER = new JsonEventReader(Limits.defaults().withMaxEventBytes(4096));

    /** One piece of a file: its text (whole lines) and, for a good event, the value it must parse to. */
    record Fragment(byte[] bytes, Map<String, Object> expected) {
        static Fragment good(Map<String, Object> doc, boolean pretty) {
            return new Fragment((JsonEventProperties.print(doc, pretty) + "\n").getBytes(StandardCharsets.UTF_8), doc);
        }

        static Fragment bad(byte[] line) {
            byte[] withNewline = new byte[line.length + 1];
            System.arraycopy(line, 0, withNewline, 0, line.length);
            withNewline[line.length] = '\n';
            return new Fragment(withNewline, null);
        }
    }

    @Property(tries = 300)
    void everyGoodEventIsDeliveredAtItsLineAndEveryRecordIsCounted(@ForAll("files") List<Fragment> fragments) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Map<Long, Map<String, Object>> expected = new HashMap<>();
        long line = 1;
        for (Fragment f : fragments) {
            if (f.expected() != null) {
                expected.put(line, f.expected());
            }
            file.writeBytes(f.bytes());
            for (byte b : f.bytes()) {
                if (b == '\n') {
                    line++;
                }
            }
        }
        EventFileReaderTest.Collector c = EventFileReaderTest.read(file.toByteArray(), READER);
        expected.forEach((at, doc) -> assertTrue(c.records.stream().anyMatch(r -> r.line() == at && r.ok()
                && doc.equals(((MapEvent) r.event()).root())), () -> "good event at line " + at + " lost: " + c.records));
        assertTrue(c.summary.events() >= expected.size());
    }

    @Provide
    Arbitrary<List<Fragment>> files() {
        return fragment().list().ofMaxSize(12);
    }

    private Arbitrary<Fragment> fragment() {
        Arbitrary<Map<String, Object>> docs = JsonEventProperties.objects(2, 5); // well under the 4 KiB limit
        Arbitrary<byte[]> badLines = Arbitraries.oneOf(
                Arbitraries.of("{\"truncated\":", "{\"s\":\"unterminated", "{\"s\":\"backslash\\", "garbage text",
                        "[1,2]", "\"str\"", "NaN", "{\"d\":1,\"d\":2}", "{\"a\":1}}", "}", "{{{{", "{\"a\":[}",
                        "{\"a\":1} trailing", "\"{\"", "{\"x\":\"}\"", "\r", " \t ", "{\"big\":\"" + "x".repeat(5000) + "\"}",
                        "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().filter(b -> b != '\n').array(byte[].class).ofMaxSize(40),
                Arbitraries.of((byte) '{', (byte) '}', (byte) '"', (byte) '\\', (byte) '[', (byte) ' ', (byte) 'a',
                        (byte) 0xC3, (byte) 0xFF).array(byte[].class).ofMaxSize(20));
        return Arbitraries.frequencyOf(
                Tuple.of(3, docs.map(d -> Fragment.good(d, false))),
                Tuple.of(1, docs.map(d -> Fragment.good(d, true))),
                Tuple.of(3, badLines.map(Fragment::bad)));
    }

    @Property(tries = 300)
    void truncatingAFileAnywhereNeverThrows(@ForAll("files") List<Fragment> fragments, @ForAll int cutSeed) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        fragments.forEach(f -> file.writeBytes(f.bytes()));
        byte[] all = file.toByteArray();
        int cut = all.length == 0 ? 0 : Math.floorMod(cutSeed, all.length);
        byte[] truncated = Arrays.copyOf(all, cut);
        EventFileReaderTest.read(truncated, READER);
        EventFileReaderTest.read(EventFileReaderTest.gzip(all), READER);
        byte[] gz = EventFileReaderTest.gzip(all);
        EventFileReaderTest.Collector broken = EventFileReaderTest.read(
                Arrays.copyOf(gz, 1 + Math.floorMod(cutSeed, gz.length - 1)), READER); // 1 .. length-1 bytes
        List<EventFileReaderTest.Rec> errors = new ArrayList<>(broken.records);
        errors.removeIf(EventFileReaderTest.Rec::ok);
        assertTrue(!errors.isEmpty(), "a truncated gzip stream is always reported");
        assertEquals(broken.summary.records(), broken.records.size());
    }
}
