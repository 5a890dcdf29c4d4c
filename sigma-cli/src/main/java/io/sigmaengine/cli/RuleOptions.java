package io.sigmaengine.cli;

import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options shared by {@code scan} and {@code check}: rules, pipelines, placeholder values. */
final class RuleOptions {

    /** Pipelines used when none is given: SigmaHQ's Windows rules then run correctly on Sysmon and channel events. */
    static final List<String> DEFAULT_PIPELINES = List.of("sysmon", "windows");

    @Option(names = "--rules", required = true, paramLabel = "PATH",
            description = "Rule file, or directory searched recursively for *.yml and *.yaml. Repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--pipeline", paramLabel = "NAME|FILE",
            description = "Processing pipeline: a built-in name (see 'sigma pipelines') or a pySigma pipeline YAML "
                    + "file. Repeatable; pipelines run by priority. Default: sysmon and windows. 'none' disables "
                    + "the defaults.")
    List<String> pipelines = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=V1,V2",
            description = "Values for the placeholder %%NAME%% used with the expand modifier (Sigma strings: * and ? "
                    + "are wildcards). Repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--include-deprecated",
            description = "Also evaluate rules whose status is deprecated or unsupported.")
    boolean includeDeprecated;

    /** The pipelines actually used. */
    List<String> effectivePipelines() {
        if (pipelines.isEmpty()) {
            return DEFAULT_PIPELINES;
        }
        List<String> out = new ArrayList<>(pipelines);
        out.removeIf("none"::equals);
        return out;
    }

    RuleSet build(boolean explain) {
        for (Path p : rules) {
            if (!Files.exists(p)) {
                throw new SigmaCli.UsageException("--rules " + p + ": no such file or directory");
            }
        }
        RuleSetBuilder b = Sigma.ruleSet().explainMatches(explain).evaluateDeprecatedAndUnsupported(includeDeprecated);
        for (Path p : rules) {
            b.addRules(p);
        }
        for (String p : effectivePipelines()) {
            b.addPipeline(p);
        }
        parseVars().forEach(b::placeholder);
        return b.build();
    }

    Map<String, List<String>> parseVars() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw new SigmaCli.UsageException("--var " + v + ": write NAME=VALUE1,VALUE2");
            }
            out.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>())
                    .addAll(Arrays.asList(v.substring(eq + 1).split(",", -1)));
        }
        return out;
    }
}
