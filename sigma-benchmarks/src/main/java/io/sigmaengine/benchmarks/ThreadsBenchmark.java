package io.sigmaengine.benchmarks;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.MatchListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 5: one compiled rule set (all SigmaHQ Windows rules) shared by one and by two threads, through the
 * public evaluator; each thread walks the corpus events from its own position. JMH reports the total throughput
 * of all threads. One operation is one event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThreadsBenchmark {

    /** The rule set and events, shared by every thread. */
    @State(Scope.Benchmark)
    public static class Shared {
        List<Event> events;
        Evaluator<Event> evaluator;

        @Setup(Level.Trial)
        public void setUp() {
            events = BenchData.events();
            evaluator = BenchData.rules(-1).evaluator();
        }
    }

    /** Each thread's position in the events. */
    @State(Scope.Thread)
    public static class Cursor {
        int index;
        /** The thread's last match; one listener per thread, so that the benchmark itself allocates nothing. */
        Object lastMatch;
        final MatchListener listener = m -> lastMatch = m;

        @Setup(Level.Trial)
        public void setUp() {
            index = (int) (Thread.currentThread().getId() * 7919 % 1000);
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Shared s, Cursor c, Blackhole bh) {
        run(s, c, bh);
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Shared s, Cursor c, Blackhole bh) {
        run(s, c, bh);
    }

    private static void run(Shared s, Cursor c, Blackhole bh) {
        Event e = s.events.get(c.index);
        c.index = c.index + 1 == s.events.size() ? 0 : c.index + 1;
        bh.consume(s.evaluator.evaluate(e, c.listener));
        bh.consume(c.lastMatch);
    }
}
