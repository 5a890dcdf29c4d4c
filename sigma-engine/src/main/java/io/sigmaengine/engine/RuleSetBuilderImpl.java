package io.sigmaengine.engine;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.engine.pipeline.BuiltInPipelines;
import io.sigmaengine.engine.pipeline.Pipeline;
import io.sigmaengine.engine.pipeline.PipelineLoader;
import io.sigmaengine.api.Diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the builder's inputs; {@link RuleSetAssembler} does the work in {@link #build()}. */
final class RuleSetBuilderImpl implements RuleSetBuilder {

    /** A rule source: a file path or text with a name. */
    record RuleSource(Path path, String name, String text) {
    }

    private final List<RuleSource> sources = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<Diagnostic> pipelineWarnings = new ArrayList<>();
    private final Map<String, List<String>> placeholders = new LinkedHashMap<>();
    private Limits limits = Limits.defaults();
    private boolean evaluateDeprecated;
    private boolean explain = true;
    /** Every processor, but not a hundred threads on a large server: parsing gains little beyond a few. */
    private int loadThreads = Math.min(8, Runtime.getRuntime().availableProcessors());

    @Override
    public RuleSetBuilder addRules(Path path) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            try {
                for (Path p : io.sigmaengine.engine.load.RuleLoader.ruleFiles(path)) {
                    sources.add(new RuleSource(p, p.toString(), null));
                }
            } catch (IOException e) {
                throw new ConfigurationException("cannot list rule directory " + path + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(path)) {
            sources.add(new RuleSource(path, path.toString(), null));
        } else {
            throw new ConfigurationException("rule path " + path + " does not exist or is not a file or directory");
        }
        return this;
    }

    @Override
    public RuleSetBuilder addRules(String sourceName, String yamlText) {
        sources.add(new RuleSource(null, Objects.requireNonNull(sourceName, "sourceName"),
                Objects.requireNonNull(yamlText, "yamlText")));
        return this;
    }

    @Override
    public RuleSetBuilder addPipeline(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        if (BuiltInPipelines.exists(nameOrPath)) {
            pipelines.add(BuiltInPipelines.get(nameOrPath));
            return this;
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new ConfigurationException("'" + nameOrPath + "' is neither a built-in pipeline "
                    + BuiltInPipelines.list().stream().map(i -> i.name()).toList() + " nor a pipeline file");
        }
        try {
            if (Files.size(p) > limits.maxRuleFileBytes()) {
                throw new ConfigurationException("pipeline file " + p + " is larger than "
                        + limits.maxRuleFileBytes() + " bytes");
            }
            return addPipelineYaml(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read pipeline file " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RuleSetBuilder addPipelineYaml(String sourceName, String yamlText) {
        PipelineLoader.Loaded l = PipelineLoader.load(sourceName, yamlText, limits);
        pipelines.add(l.pipeline());
        pipelineWarnings.addAll(l.warnings());
        return this;
    }

    @Override
    public RuleSetBuilder placeholder(String name, List<String> values) {
        placeholders.put(Objects.requireNonNull(name, "name"), List.copyOf(values));
        return this;
    }

    @Override
    public RuleSetBuilder limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    @Override
    public RuleSetBuilder evaluateDeprecatedAndUnsupported(boolean evaluate) {
        this.evaluateDeprecated = evaluate;
        return this;
    }

    @Override
    public RuleSetBuilder explainMatches(boolean explain) {
        this.explain = explain;
        return this;
    }

    @Override
    public RuleSetBuilder loadThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("loadThreads must be at least 1, not " + threads);
        }
        this.loadThreads = threads;
        return this;
    }

    @Override
    public RuleSet build() {
        return new RuleSetAssembler(sources, pipelines, pipelineWarnings, placeholders, limits, evaluateDeprecated,
                explain, loadThreads).assemble();
    }
}
