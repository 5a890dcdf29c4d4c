package io.sigmaengine.engine.concurrency;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.LiveRuleSet;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot swap under load: eight threads evaluate events through one {@link LiveRuleSet} while its rule set is replaced
 * over and over. Every version matches every event, but each version has its own rules, with titles that name the
 * version, and its own number of them. So a torn evaluation (rules of one version, flags or metadata of another;
 * part of the rules of one version and part of another) shows up as a match whose version disagrees with its title,
 * as a mix of versions within one event, or as the wrong number of matches. Each event is evaluated once; it must
 * come back exactly once, with the complete match list of exactly one version.
 */
class LiveRuleSetSwapTest {

    private static final int VERSIONS = 7;
    private static final int THREADS = 8;
    private static final int ROUNDS = 20;
    private static final int EVENTS_PER_ROUND = 50;

    /** Version {@code v} has {@code v + 2} rules, titled {@code v<v> rule <j>}, each matching every event. */
    private static RuleSet version(int v) {
        StringBuilder yaml = new StringBuilder();
        for (int j = 0; j < v + 2; j++) {
            yaml.append("title: v").append(v).append(" rule ").append(j).append('\n')
                    .append("logsource: {product: test}\n")
                    .append("detection:\n  sel:\n    Seq|gte: 0\n  other:\n    Marker: v").append(v).append('\n')
                    .append("  condition: sel or other\n---\n");
        }
        return Sigma.ruleSet().addRules("v" + v + ".yml", yaml.toString()).build();
    }

    @Test
    void everyEventIsJudgedOnceByExactlyOneCompleteVersion() throws Exception {
        List<RuleSet> versions = new ArrayList<>();
        Map<Long, Integer> versionIndex = new HashMap<>();
        for (int v = 0; v < VERSIONS; v++) {
            RuleSet rs = version(v);
            assertEquals(0, rs.rejectedCount(), rs.diagnostics().toString());
            versions.add(rs);
            versionIndex.put(rs.version(), v);
        }
        assertEquals(VERSIONS, versionIndex.size(), "each built rule set has its own version");

        LiveRuleSet<Event> live = new LiveRuleSet<>(versions.get(0), Event.adapter());
        EventReader reader = Sigma.eventReader();
        Map<Integer, List<Match>> judged = new ConcurrentHashMap<>();
        AtomicInteger swaps = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        // Between rounds the barrier swaps for certain; during rounds a free-running thread swaps as fast as it can.
        CyclicBarrier rounds = new CyclicBarrier(THREADS,
                () -> live.swap(versions.get(swaps.incrementAndGet() % VERSIONS)));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            Future<?> swapper = pool.submit(() -> {
                for (int k = 0; !done.get(); k++) {
                    assertNotNull(live.swap(versions.get(k % VERSIONS)));
                    swaps.incrementAndGet();
                    Thread.yield();
                }
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                            int seq = (r * THREADS + thread) * EVENTS_PER_ROUND + i;
                            Event e = reader.fromMap(Map.of("Seq", seq));
                            List<Match> matches = new ArrayList<>();
                            int count = live.evaluate(e, matches::add);
                            assertEquals(count, matches.size(), "the returned count is the number reported");
                            assertNull(judged.putIfAbsent(seq, matches), "event " + seq + " judged twice");
                        }
                        rounds.await();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            done.set(true);
            swapper.get();
        } finally {
            pool.shutdownNow();
        }

        int events = ROUNDS * THREADS * EVENTS_PER_ROUND;
        assertEquals(events, judged.size(), "no event lost");
        Set<Integer> seenVersions = new HashSet<>();
        for (Map.Entry<Integer, List<Match>> e : judged.entrySet()) {
            List<Match> matches = e.getValue();
            assertTrue(!matches.isEmpty(), "event " + e.getKey() + " was judged by no rule set");
            Integer v = versionIndex.get(matches.get(0).ruleSetVersion());
            assertNotNull(v, "a version that was never built: " + matches.get(0).ruleSetVersion());
            Set<String> titles = new HashSet<>();
            for (Match m : matches) {
                assertEquals(matches.get(0).ruleSetVersion(), m.ruleSetVersion(), "event " + e.getKey()
                        + " was judged by two versions: " + matches);
                assertTrue(m.rule().title().startsWith("v" + v + " "), "a rule of another version: " + m.rule()
                        .title() + " in version " + v);
                assertEquals(List.of("sel"), m.selections(), m.toString());
                titles.add(m.rule().title());
            }
            assertEquals(v + 2, matches.size(), "event " + e.getKey() + ": all rules of version " + v + ", once");
            assertEquals(v + 2, titles.size(), "event " + e.getKey() + ": no rule twice");
            seenVersions.add(v);
        }
        assertTrue(swaps.get() >= ROUNDS, "swaps: " + swaps.get());
        assertTrue(seenVersions.size() >= 2, "events were judged by several versions: " + seenVersions);
    }
}
