package io.sigmaengine.api;

import io.sigmaengine.api.spi.SigmaProvider;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Entry point of the library. The implementation ({@code sigma-engine}) is found on the class path through
 * {@link ServiceLoader}, so application code depends only on this package.
 *
 * <pre>{@code
 * RuleSet rules = Sigma.ruleSet()
 *         .addRules(Path.of("rules/windows"))
 *         .addPipeline("sysmon")
 *         .addPipeline("windows")
 *         .build();
 * rules.diagnostics().forEach(System.err::println);
 * Event event = Sigma.eventReader().parse(jsonLine);
 * for (Match m : rules.evaluate(event)) {
 *     System.out.println(m.rule().title());
 * }
 * }</pre>
 */
public final class Sigma {

    private Sigma() {
    }

    /** A new builder for a rule set. */
    public static RuleSetBuilder ruleSet() {
        return provider().newRuleSetBuilder();
    }

    /** A JSON/map event reader with the default {@link Limits}. */
    public static EventReader eventReader() {
        return provider().newEventReader(Limits.defaults());
    }

    /** A JSON/map event reader with the given limits. */
    public static EventReader eventReader(Limits limits) {
        return provider().newEventReader(limits);
    }

    /** Names and descriptions of the built-in processing pipelines, e.g. {@code sysmon} and {@code windows}. */
    public static List<PipelineInfo> builtInPipelines() {
        return provider().builtInPipelines();
    }

    private static SigmaProvider provider() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final SigmaProvider PROVIDER = ServiceLoader.load(SigmaProvider.class, Sigma.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(
                        "no Sigma engine on the class path: add the io.sigmaengine:sigma-engine dependency"));
    }
}
