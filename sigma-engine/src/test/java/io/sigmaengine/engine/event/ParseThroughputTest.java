package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints parse throughput on the OTRF throughput corpus; measures, asserts nothing about speed. Run with
 * {@code -Dsigma.throughput=true}.
 */
@EnabledIfSystemProperty(named = "sigma.throughput", matches = "true")
class ParseThroughputTest {

    private static final String[] FIELDS = {"EventID", "Channel", "Image", "CommandLine", "TargetObject", "Nope"};

    @Test
    void printThroughput() throws IOException {
        Path file = SharedCorpus.corpus("throughput/otrf-security-datasets.jsonl.gz");
        assumeTrue(Files.exists(file), "corpus not found: " + file);
        byte[] data;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            data = in.readAllBytes();
        }
        int lines = 0;
        for (byte b : data) {
            if (b == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines + 1];
        for (int i = 0, n = 1; i < data.length; i++) {
            if (data[i] == '\n' && n <= lines) {
                starts[n++] = i + 1;
            }
        }
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        for (int round = 1; round <= 8; round++) {
            long t0 = System.nanoTime();
            long parsed = parseAll(reader, data, starts, lines, new String[0]);
            long t1 = System.nanoTime();
            parsed += parseAll(reader, data, starts, lines, FIELDS);
            long t2 = System.nanoTime();
            report("parse only            ", round, lines, data.length, t1 - t0);
            report("parse + 6 lookups     ", round, lines, data.length, t2 - t1);
            if (parsed == 42) {
                System.out.print("");
            }
        }
        for (int round = 1; round <= 3; round++) {
            long[] count = {0};
            long t0 = System.nanoTime();
            EventFileReader.Summary s = EventFileReader.read(file, reader, new EventFileReader.EventSink() {
                @Override
                public void onEvent(Event event, long line) {
                    count[0]++;
                }

                @Override
                public void onError(long line, String reason) {
                    throw new AssertionError(line + ": " + reason);
                }
            });
            report("file reader (gunzip)  ", round, s.events(), data.length, System.nanoTime() - t0);
        }
    }

    /** One pass over all lines, in its own method so that the JIT compiles it as a whole (no on-stack replacement). */
    private static long parseAll(JsonEventReader reader, byte[] data, int[] starts, int lines, String[] fields) {
        long found = 0;
        for (int i = 0; i < lines; i++) {
            Event e = reader.parse(data, starts[i], starts[i + 1] - starts[i] - 1);
            for (String f : fields) {
                found += e.get(f) == Event.MISSING ? 0 : 1;
            }
            found++;
        }
        return found;
    }

    private static void report(String what, int round, long events, long bytes, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%s round %d: %,d events in %.2f s = %,.0f events/s, %.0f MB/s%n",
                what, round, events, seconds, events / seconds, bytes / seconds / 1e6);
    }
}
