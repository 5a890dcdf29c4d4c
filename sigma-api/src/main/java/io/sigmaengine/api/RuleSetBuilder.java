package io.sigmaengine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Collects rule files, processing pipelines and settings, then compiles them into a {@link RuleSet}. Not
 * thread-safe; use one builder per rule set. Obtain one with {@link Sigma#ruleSet()}.
 */
public interface RuleSetBuilder {

    /**
     * Adds a rule file, or every {@code *.yml} / {@code *.yaml} file below a directory (recursively, in sorted
     * order). A file may hold several YAML documents: detection rules, correlation rules, filters and legacy
     * {@code action} documents.
     *
     * @throws ConfigurationException if the path does not exist or cannot be read
     */
    RuleSetBuilder addRules(Path path);

    /**
     * Adds rules from text, as if read from a file named {@code sourceName} (used in diagnostics).
     */
    RuleSetBuilder addRules(String sourceName, String yamlText);

    /**
     * Adds a processing pipeline: the name of a built-in pipeline (see {@link Sigma#builtInPipelines()}) or the
     * path of a pySigma processing-pipeline YAML file. Pipelines run in ascending {@code priority}, and in the
     * order added for equal priorities.
     *
     * @throws ConfigurationException if the name is unknown or the file is invalid
     */
    RuleSetBuilder addPipeline(String nameOrPath);

    /** Adds a processing pipeline given as YAML text, named {@code sourceName} in diagnostics. */
    RuleSetBuilder addPipelineYaml(String sourceName, String yamlText);

    /**
     * Supplies the values of a placeholder used with the {@code expand} modifier ({@code %name%}). Each value is a
     * Sigma string: {@code *} and {@code ?} are wildcards. Several values are ORed. A rule that uses a placeholder
     * without values is rejected.
     */
    RuleSetBuilder placeholder(String name, List<String> values);

    /** Replaces the resource limits (default {@link Limits#defaults()}). */
    RuleSetBuilder limits(Limits limits);

    /**
     * Whether rules with status {@code deprecated} or {@code unsupported} are evaluated (default {@code false}:
     * they are loaded and validated, and reported in {@link RuleSet#rules()} as not evaluated).
     */
    RuleSetBuilder evaluateDeprecatedAndUnsupported(boolean evaluate);

    /**
     * Whether matches carry the selections and field values that made them true (default {@code true}). Turning
     * it off saves a little work per match, never per event.
     */
    RuleSetBuilder explainMatches(boolean explain);

    /**
     * How many threads {@link #build()} may use to read and parse rule files and to build the field automata
     * (default: the number of available processors, at most 8; {@code 1} does everything on the calling thread).
     * The threads live only while {@code build()} runs. The result is the same for any value: rules, their order
     * and the diagnostics do not depend on it.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    RuleSetBuilder loadThreads(int threads);

    /** Compiles the rule set. Never throws because of a bad rule: see {@link RuleSet#diagnostics()}. */
    RuleSet build();
}
