package io.sigmaengine.benchmarks;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.Inspection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every benchmark with bounded settings (about ten minutes on two cores) and writes a Markdown report with the
 * absolute figures and the ratios the targets are stated in, all measured in the same run.
 *
 * <p>Usage: {@code java -jar sigma-benchmarks/target/sigma-benchmarks.jar [--out FILE] [--quick]}; any other
 * arguments are passed to JMH's own command line ({@code java -cp ... org.openjdk.jmh.Main}).
 */
public final class BenchmarkReport {

    private final boolean quick;
    private final Map<String, Result<?>> scores = new LinkedHashMap<>();
    private double allocationPerEvent = Double.NaN;

    private BenchmarkReport(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("benchmark-results", "benchmarks.md");
        boolean quick = false;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                default -> jmhArgs.add(args[i]);
            }
        }
        if (!jmhArgs.isEmpty()) {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
            return;
        }
        new BenchmarkReport(quick).run(out);
    }

    private void run(Path out) throws RunnerException, IOException {
        long start = System.nanoTime();
        Collection<RunResult> match = jmh(MatchBenchmark.class, true, 3);
        record(match, "engine");
        jmh(ScalingBenchmark.class, false, 3).forEach(r -> record(r, "rules"));
        jmh(EndToEndBenchmark.class, false, 3).forEach(r -> record(r, "work"));
        // A build runs for most of a second and the compiler needs dozens of them to settle: a longer warm-up.
        jmh(LoadBenchmark.class, false, 10).forEach(r -> record(r, "work"));
        for (RunResult r : jmh(ThreadsBenchmark.class, false, 3)) {
            String label = r.getParams().getBenchmark().endsWith("twoThreads") ? "2" : "1";
            scores.put("ThreadsBenchmark threads=" + label, r.getPrimaryResult());
        }
        String report = render(System.nanoTime() - start);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private Collection<RunResult> jmh(Class<?> benchmark, boolean gcProfile, int warmups) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(1)
                .warmupIterations(quick ? 1 : warmups)
                .warmupTime(TimeValue.seconds(quick ? 1 : 4))
                .measurementIterations(quick ? 1 : 4)
                .measurementTime(TimeValue.seconds(quick ? 1 : 4))
                .jvmArgsAppend("-Xmx6g", "-Dsigma.shared.dir=" + BenchData.shared().toAbsolutePath());
        if (gcProfile) {
            o.addProfiler(GCProfiler.class);
        }
        return new Runner(o.build()).run();
    }

    private void record(Collection<RunResult> results, String param) {
        for (RunResult r : results) {
            record(r, param);
            if (r.getParams().getBenchmark().contains("MatchBenchmark")
                    && "optimized-all".equals(r.getParams().getParam("engine"))) {
                Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
                if (norm != null) {
                    allocationPerEvent = norm.getScore();
                }
            }
        }
    }

    private void record(RunResult r, String param) {
        String bench = r.getParams().getBenchmark();
        String name = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1, bench.lastIndexOf('.'));
        scores.put(name + " " + param + "=" + r.getParams().getParam(param), r.getPrimaryResult());
    }

    private double score(String key) {
        Result<?> r = scores.get(key);
        return r == null ? Double.NaN : r.getScore();
    }

    private String render(long elapsedNanos) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d CPUs, %s %s; JMH forks=1, %s; total %.1f min.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), quick ? "quick settings (1x1s warm-up, 1x1s measurement)"
                        : "3x4s warm-up (10x4s for loading), 4x4s measurement", elapsedNanos / 60e9));
        md.append("| benchmark | result | error (99.9%) | unit |\n|---|---:|---:|---|\n");
        for (Map.Entry<String, Result<?>> e : scores.entrySet()) {
            Result<?> r = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %,.1f | %,.1f | %s |%n", e.getKey(), r.getScore(),
                    r.getScoreError(), r.getScoreUnit()));
        }
        double opt = score("MatchBenchmark engine=optimized");
        double ref = score("MatchBenchmark engine=reference");
        double s10 = score("ScalingBenchmark rules=10");
        double sAll = score("ScalingBenchmark rules=all");
        double parse = score("EndToEndBenchmark work=parse");
        double both = score("EndToEndBenchmark work=parse+match");
        double yaml = score("LoadBenchmark work=snakeyaml");
        double load = score("LoadBenchmark work=load+compile");
        double loadOneThread = score("LoadBenchmark work=load+compile-1-thread");
        double t1 = score("ThreadsBenchmark threads=1");
        double t2 = score("ThreadsBenchmark threads=2");
        md.append("\n## Targets (ratios from this run)\n\n| target | measured | goal | met |\n|---|---:|---:|---|\n");
        row(md, "1. optimized / reference events/s (same events)", opt / ref, "x", ">= 50x", opt / ref >= 50);
        row(md, "2. all rules / 10 rules throughput", sAll / s10 * 100, "%", ">= 25%", sAll / s10 >= 0.25);
        double added = (parse / both - 1) * 100;
        row(md, "3. cost matching adds to JSON parsing", added, "%", "<= 50%", added <= 50);
        row(md, "4. load+compile / snakeyaml parse time", load / yaml, "x", "<= 2x", load / yaml <= 2);
        row(md, "   the same with load+compile on one thread", loadOneThread / yaml, "x", "<= 2x",
                loadOneThread / yaml <= 2);
        row(md, "5. bytes allocated per event (benchmark 1, all events)", allocationPerEvent, " B", "0 B",
                allocationPerEvent < 1);
        row(md, "   2 threads / 1 thread throughput", t2 / t1, "x", "(2 cores)", true);
        md.append("\n");
        appendProgramFacts(md);
        return md.toString();
    }

    private static void row(StringBuilder md, String what, double value, String unit, String goal, boolean met) {
        md.append(String.format(Locale.ROOT, "| %s | %,.2f%s | %s | %s |%n", what, value, unit, goal,
                Double.isNaN(value) ? "n/a" : met ? "yes" : "**no**"));
    }

    /** Heap per compiled rule, program shape and prefilter selectivity, measured in this JVM. */
    private static void appendProgramFacts(StringBuilder md) {
        List<Event> events = BenchData.events();
        long before = usedHeapAfterGc();
        RuleSet rules = BenchData.rules(-1);
        long after = usedHeapAfterGc();
        Inspection.ProgramShape shape = Inspection.shape(rules);
        double[] candidates = Inspection.candidatesPerEvent(rules, events, Event.adapter());
        md.append("## Compiled program (all SigmaHQ Windows rules)\n\n");
        md.append(String.format(Locale.ROOT, "- rules compiled: %d; retained heap %.1f MiB, %.1f KiB per rule%n",
                shape.rules(), (after - before) / 1048576.0, (after - before) / 1024.0 / shape.rules()));
        md.append(String.format(Locale.ROOT, "- predicates: %d over %d fields; buckets: %d; automata: %d with %,d "
                        + "states (%.1f MiB); code: %,d ints%n", shape.predicates(), shape.fields(), shape.buckets(),
                shape.automata(), shape.automatonStates(), shape.automatonBytes() / 1048576.0, shape.codeInts()));
        md.append(String.format(Locale.ROOT, "- rules whose code ran per corpus event: %.2f on average (%.3f%% of "
                + "the rules)%n", candidates[0], candidates[1] * 100));
        if (rules.rules().isEmpty()) {
            md.append("- (no rules)\n");
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
