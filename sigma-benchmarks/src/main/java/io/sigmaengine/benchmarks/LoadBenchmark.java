package io.sigmaengine.benchmarks;

import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: loading and compiling the whole SigmaHQ rule set (every file under {@code rules*}, already read into
 * memory) against parsing the same YAML texts with snakeyaml alone (which uses one thread). One operation is the
 * whole rule set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoadBenchmark {

    /** {@code load+compile} uses the default threads (every processor), {@code load+compile-1-thread} one. */
    @Param({"snakeyaml", "load+compile", "load+compile-1-thread"})
    public String work;

    private List<String[]> files;

    @Setup(Level.Trial)
    public void setUp() {
        files = BenchData.allRuleTexts();
    }

    @Benchmark
    public void ruleSet(Blackhole bh) {
        if (work.equals("snakeyaml")) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (String[] f : files) {
                for (Object doc : yaml.loadAll(f[1])) {
                    bh.consume(doc);
                }
            }
        } else {
            RuleSetBuilder b = Sigma.ruleSet().addPipeline("sysmon").addPipeline("windows");
            if (work.endsWith("1-thread")) {
                b.loadThreads(1);
            }
            for (String[] f : files) {
                b.addRules(f[0], f[1]);
            }
            bh.consume(b.build());
        }
    }
}
