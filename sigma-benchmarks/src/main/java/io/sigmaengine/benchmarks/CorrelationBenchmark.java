package io.sigmaengine.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Events per second through a {@link io.sigmaengine.api.Detector} with one correlation rule, for
 * {@code event_count}, {@code value_count} and {@code temporal_ordered}, with 10 thousand and 1 million live groups
 * (all groups are created before measuring, so every event updates an existing group; one in two rule matches
 * continues a group's window). Run: {@code java -jar sigma-benchmarks.jar Correlation}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CorrelationBenchmark {

    @Param({"event_count", "value_count", "temporal_ordered"})
    public String type;

    @Param({"10000", "1000000"})
    public int groups;

    private CorrelationWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new CorrelationWorkload(CorrelationWorkload.Kind.valueOf(type), groups, false);
        for (int i = 0; i < 2 * groups; i++) {
            workload.next();
        }
    }

    @Benchmark
    public void process() {
        workload.next();
    }
}
