package io.sigmaengine.engine.concurrency;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight threads share one compiled rule set (all SigmaHQ Windows rules with the sysmon and windows pipelines) and
 * evaluate corpus events pulled from one shuffled queue that holds each event twice; both evaluations of every
 * event must give exactly the matches of a single-threaded run, down to the selections and evidence (so the match
 * multisets are equal too).
 *
 * <p>The reference evaluator judges a few hundred events a second against 2,400 rules, so the corpus
 * ({@code shared/corpus/events}, about 16,500 events, read in place) is sampled: every 128th event of every file in
 * path order, about 130 events, 260 concurrent evaluations.
 */
class ConcurrentEvaluationTest {

    private static final int THREADS = 8;
    private static final int STRIDE = 128;

    @Test
    void eightThreadsSeeExactlyTheSingleThreadedMatches() throws Exception {
        Path corpus = SharedData.corpus();
        RuleSet rules = Sigma.ruleSet().addRules(corpus.resolve("sigmahq/rules/windows")).addPipeline("sysmon")
                .addPipeline("windows").build();
        assertTrue(rules.rules().size() > 2_000, "rules: " + rules.rules().size());
        List<Event> events = sample(corpus.resolve("events"));
        Evaluator<Event> shared = rules.evaluator();

        List<List<Match>> expected = new ArrayList<>();
        for (Event e : events) {
            expected.add(shared.evaluate(e));
        }
        long matches = expected.stream().mapToLong(List::size).sum();
        assertTrue(matches >= 20, "the sample must exercise matching: " + matches + " matches");

        // Every event twice, in random order, pulled by eight threads from one queue.
        List<Integer> queue = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            queue.add(i);
            queue.add(i);
        }
        Collections.shuffle(queue, new Random(1));
        AtomicInteger next = new AtomicInteger();
        List<Queue<List<Match>>> seen = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            seen.add(new ConcurrentLinkedQueue<>());
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int k; (k = next.getAndIncrement()) < queue.size(); ) {
                        int i = queue.get(k);
                        seen.get(i).add(shared.evaluate(events.get(i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < events.size(); i++) {
            assertEquals(List.of(expected.get(i), expected.get(i)), new ArrayList<>(seen.get(i)), "event " + i);
        }
    }

    private static List<Event> sample(Path dir) throws IOException {
        EventReader reader = Sigma.eventReader();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<Event> events = new ArrayList<>();
        long n = 0;
        for (Path f : files) {
            try (Stream<String> lines = Files.lines(f)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (n++ % STRIDE == 0) {
                        events.add(reader.parse(line));
                    }
                }
            }
        }
        return events;
    }
}
