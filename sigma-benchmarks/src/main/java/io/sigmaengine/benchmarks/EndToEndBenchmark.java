package io.sigmaengine.benchmarks;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.MatchListener;
import io.sigmaengine.engine.event.JsonEventReader;
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
 * Benchmark 3: from JSON text: parsing alone (Jackson streaming into the engine's event tree) against parsing plus
 * matching all SigmaHQ Windows rules, through the public API. The difference is what detection adds to the
 * unavoidable parsing cost. One operation is one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    @Param({"parse", "parse+match"})
    public String work;

    private List<String> lines;
    private JsonEventReader reader;
    private Evaluator<Event> evaluator;
    private int index;
    /** The last match; one listener for the whole run, so that the benchmark itself allocates nothing. */
    private Object lastMatch;
    private final MatchListener listener = m -> lastMatch = m;

    @Setup(Level.Trial)
    public void setUp() {
        lines = BenchData.eventLines();
        reader = new JsonEventReader(Limits.defaults());
        evaluator = work.equals("parse") ? null : BenchData.rules(-1).evaluator();
    }

    @Benchmark
    public void event(Blackhole bh) {
        String line = lines.get(index);
        index = index + 1 == lines.size() ? 0 : index + 1;
        Event e = reader.parse(line);
        if (evaluator == null) {
            bh.consume(e);
        } else {
            bh.consume(evaluator.evaluate(e, listener));
            bh.consume(lastMatch);
        }
    }
}
