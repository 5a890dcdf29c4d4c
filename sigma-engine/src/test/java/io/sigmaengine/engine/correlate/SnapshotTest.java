package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.SnapshotException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static io.sigmaengine.engine.correlate.Streams.load;
import static io.sigmaengine.engine.correlate.Streams.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A detector restored from a snapshot continues exactly where the original stopped; bad snapshots are refused. */
class SnapshotTest {

    private static final String[] DOCUMENTS = {
            "title: burst\nname: burst\ncorrelation:\n  type: event_count\n  rules: [a]\n  group-by: [User]\n"
                    + "  timespan: 20s\n  condition: {gte: 3}\n",
            "title: spread\nname: spread\ncorrelation:\n  type: value_count\n  rules: [a, b]\n  group-by: [User]\n"
                    + "  timespan: 30s\n  condition: {field: [Host, Port], gte: 3}\n",
            "title: chain\nname: chain\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b, c]\n"
                    + "  group-by: [User]\n  timespan: 40s\n",
            "title: quiet\nname: quiet\ncorrelation:\n  type: event_count\n  rules: [b]\n  group-by: [Host]\n"
                    + "  timespan: 15s\n  condition: {lt: 2}\n",
            "title: no_c\nname: no_c\ncorrelation:\n  type: temporal\n  rules: [a, c]\n  group-by: [User]\n"
                    + "  timespan: 10s\n  condition: 'a and not c'\n",
            "title: volume\nname: volume\ncorrelation:\n  type: value_avg\n  rules: [c]\n  group-by: [User]\n"
                    + "  timespan: 1m\n  condition: {field: Port, gt: 5}\n",
            "title: outer\nname: outer\ncorrelation:\n  type: event_count\n  rules: [burst]\n  group-by: [User]\n"
                    + "  timespan: 2m\n  condition: {gte: 2}\n",
            rule("a", "a"), rule("b", "b"), rule("c", "c")};

    private static final DetectorOptions OPTIONS = DetectorOptions.defaults().withMaxLateness(Duration.ofSeconds(5));

    /** A stream of events a few seconds apart, some up to 4 s out of order. */
    private static List<Event> stream(int n, long seed) {
        Random r = new Random(seed);
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t = t.plusMillis(r.nextInt(3000));
            Instant at = r.nextInt(5) == 0 ? t.minusMillis(r.nextInt(4000)) : t;
            out.add(io.sigmaengine.api.Sigma.eventReader().fromMap(java.util.Map.of("@timestamp", at.toString(),
                    "Action", "abcx".substring(r.nextInt(4)).substring(0, 1), "User", "u" + r.nextInt(4),
                    "Host", "h" + r.nextInt(3), "Port", r.nextInt(10))));
        }
        return out;
    }

    private static String describe(Alert a) {
        return a.ruleIdentity() + " " + a.group() + " " + a.value() + " " + a.windowStart() + ".." + a.windowEnd()
                + " by " + a.completedBy() + " events " + a.events();
    }

    private static List<String> run(Detector<Event> d, List<Event> events, int from, int to) {
        Streams.Recorder r = new Streams.Recorder();
        for (int i = from; i < to; i++) {
            d.process(events.get(i), i, r);
        }
        if (to == events.size()) {
            d.flush(r);
        }
        return r.alerts.stream().map(SnapshotTest::describe).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 57, 133, 299, 300})
    void aRestoredDetectorContinuesWhereTheOriginalStopped(int split) {
        List<Event> events = stream(300, 7);
        RuleSet rules = load(DOCUMENTS);
        Detector<Event> uninterrupted = rules.detector(OPTIONS);
        List<String> expected = run(uninterrupted, events, 0, events.size());
        assertTrue(expected.size() > 20, "the stream should exercise the rules: " + expected.size());

        Detector<Event> first = rules.detector(OPTIONS);
        List<String> actual = new ArrayList<>(run(first, events, 0, split));
        byte[] snapshot = first.snapshot();
        // A restarted process loads the rules again (a new rule set) and restores.
        Detector<Event> second = load(DOCUMENTS).detector(OPTIONS);
        assertEquals(List.of(), second.restore(snapshot));
        assertEquals(first.stats(), second.stats());
        actual.addAll(run(second, events, split, events.size()));
        assertEquals(expected, actual);
        assertEquals(uninterrupted.stats(), second.stats());
    }

    @Test
    void stateOfAChangedOrRemovedCorrelationIsDiscardedAndTheRestRestored() {
        List<Event> events = stream(200, 11);
        Detector<Event> first = load(DOCUMENTS).detector(OPTIONS);
        run(first, events, 0, 100);
        String[] changed = DOCUMENTS.clone();
        changed[0] = changed[0].replace("timespan: 20s", "timespan: 25s");
        changed[4] = changed[5];
        Detector<Event> second = load(changed).detector(OPTIONS);
        assertEquals(List.of("burst", "no_c"), second.restore(first.snapshot()));
        assertTrue(second.stats().liveGroups() > 0);
    }

    @Test
    void corruptSnapshotsAreRefusedWithAClearErrorAndChangeNothing() {
        List<Event> events = stream(200, 3);
        Detector<Event> d = load(DOCUMENTS).detector(OPTIONS);
        run(d, events, 0, 100);
        byte[] good = d.snapshot();

        byte[] flipped = good.clone();
        flipped[40] ^= 0x10;
        assertMessage("checksum", flipped, d);
        assertMessage("truncated", java.util.Arrays.copyOf(good, good.length - 1), d);
        assertMessage("too short", new byte[]{1, 2, 3}, d);
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertMessage("not a detector snapshot", magic, d);
        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(4, 99);
        assertMessage("format version 99 is not supported", version, d);
        byte[] counters = good.clone();
        ByteBuffer.wrap(counters).putInt(12 + 24, 99);
        assertMessage("unexpected number of counters", withChecksum(counters), d);

        // The failed restores left the detector as it was: it finishes like one that never saw them.
        Detector<Event> untouched = load(DOCUMENTS).detector(OPTIONS);
        run(untouched, events, 0, 100);
        assertEquals(untouched.stats(), d.stats());
        assertEquals(run(untouched, events, 100, 200), run(d, events, 100, 200));
    }

    private static void assertMessage(String expected, byte[] snapshot, Detector<Event> d) {
        SnapshotException e = assertThrows(SnapshotException.class, () -> d.restore(snapshot));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** Recomputes the CRC so the payload's own validation is what is tested. */
    private static byte[] withChecksum(byte[] snapshot) {
        CRC32 crc = new CRC32();
        crc.update(snapshot, 12, snapshot.length - 16);
        ByteBuffer.wrap(snapshot).putInt(snapshot.length - 4, (int) crc.getValue());
        return snapshot;
    }

    @Property(tries = 300)
    void aDamagedPayloadWithAValidChecksumIsRefusedOrRestoredButNeverBreaksTheDetector(
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value,
            @ForAll @IntRange(min = 1, max = 4) int bytes) {
        List<Event> events = stream(120, 5);
        Detector<Event> d = load(DOCUMENTS).detector(OPTIONS);
        run(d, events, 0, 60);
        byte[] snapshot = d.snapshot();
        int at = 12 + position % (snapshot.length - 16);
        for (int i = 0; i < bytes && at + i < snapshot.length - 4; i++) {
            snapshot[at + i] = (byte) (snapshot[at + i] + value);
        }
        Detector<Event> target = load(DOCUMENTS).detector(OPTIONS);
        try {
            target.restore(withChecksum(snapshot));
        } catch (SnapshotException e) {
            return;
        }
        run(target, events, 60, 120);
    }
}
