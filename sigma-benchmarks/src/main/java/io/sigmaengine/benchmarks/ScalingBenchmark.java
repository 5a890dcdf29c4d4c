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
 * Benchmark 2: how throughput falls as the rule set grows: 10, 100, 1,000 and all SigmaHQ Windows rule files (fixed
 * shuffled order, so each set contains the smaller ones), over every corpus event. One operation is one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScalingBenchmark {

    @Param({"10", "100", "1000", "all"})
    public String rules;

    private List<Event> events;
    private RuleMatcher.Bound<Event> matcher;
    private int index;
    /** The last matching rule; one sink for the whole run, so that the benchmark itself allocates nothing. */
    private int lastMatch;
    private final RuleMatcher.Sink sink = rule -> lastMatch = rule;

    @Setup(Level.Trial)
    public void setUp() {
        RuleSet rs = BenchData.rules(rules.equals("all") ? -1 : Integer.parseInt(rules));
        events = BenchData.events();
        matcher = Inspection.compiled(rs, Event.adapter());
    }

    @Benchmark
    public void event(Blackhole bh) {
        Event e = events.get(index);
        index = index + 1 == events.size() ? 0 : index + 1;
        matcher.match(e, sink);
        bh.consume(lastMatch);
    }
}
