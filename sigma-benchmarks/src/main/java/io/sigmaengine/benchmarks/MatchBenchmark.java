package io.sigmaengine.benchmarks;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.Inspection;
import io.sigmaengine.engine.eval.RuleMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: all SigmaHQ Windows rules over the real corpus events, pre-parsed. The optimized program and the
 * reference evaluator run on the same event sample (every 20th event, spread over every file) so their ratio holds
 * on a noisy machine; {@code optimized-all} runs the optimized program over every corpus event for the absolute
 * figure. One operation is one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchBenchmark {

    @Param({"optimized", "reference", "optimized-all"})
    public String engine;

    private List<Event> events;
    private RuleMatcher.Bound<Event> matcher;
    private int index;
    /** The last matching rule; one sink for the whole run, so that the benchmark itself allocates nothing. */
    private int lastMatch;
    private final RuleMatcher.Sink sink = rule -> lastMatch = rule;

    @Setup(Level.Trial)
    public void setUp() {
        RuleSet rules = BenchData.rules(-1);
        List<Event> all = BenchData.events();
        events = engine.equals("optimized-all") ? all : BenchData.everyNth(all, 20);
        matcher = engine.equals("reference") ? Inspection.reference(rules, Event.adapter())
                : Inspection.compiled(rules, Event.adapter());
    }

    @Benchmark
    public void event(Blackhole bh) {
        Event e = events.get(index);
        index = index + 1 == events.size() ? 0 : index + 1;
        matcher.match(e, sink);
        bh.consume(lastMatch);
    }
}
