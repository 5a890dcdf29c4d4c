package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs pipelines over rules as pySigma's resolver combines them: sorted by priority, lowest first, pipelines of
 * equal priority in the order given; their {@code vars} merged (a later pipeline's variable replaces an earlier
 * one of the same name); the processing-item tracking and state shared by all of them for one rule.
 */
public final class PipelineRunner {

    private final List<Pipeline> pipelines;
    private final Map<String, List<String>> vars;

    public PipelineRunner(List<Pipeline> pipelines) {
        List<Pipeline> sorted = new ArrayList<>(pipelines);
        sorted.sort(Comparator.comparingInt(Pipeline::priority)); // List.sort is stable
        this.pipelines = List.copyOf(sorted);
        Map<String, List<String>> v = new LinkedHashMap<>();
        sorted.forEach(p -> v.putAll(p.vars()));
        this.vars = Map.copyOf(v);
    }

    public List<Pipeline> pipelines() {
        return pipelines;
    }

    /**
     * Applies every processing item whose rule conditions hold, in order.
     *
     * @throws PipelineException if a pipeline refuses the rule
     */
    public SigmaRule apply(SigmaRule rule) throws PipelineException {
        if (pipelines.isEmpty()) {
            return rule;
        }
        WorkingRule w = WorkingRule.of(rule);
        run(w);
        if (w.hasUnavailable() && Servability.neverMatches(w.rule(), i -> w.unavailable(i) != null)
                && !Servability.neverMatches(w.rule(), i -> false)) {
            throw unservable(w);
        }
        return w.rule();
    }

    /**
     * Applies the pipelines to a correlation rule: field mappings rename its {@code group-by}, alias and
     * {@code condition.field} names; failures refuse it; transformations of detections, values and log sources
     * leave it alone. A {@code logsource} rule condition holds if it holds for any referenced rule.
     *
     * @param referencedLogSources the log sources of the rules it refers to (see {@link #referencedLogSources})
     * @throws PipelineException if a pipeline refuses the rule
     */
    public SigmaCorrelation apply(SigmaCorrelation correlation, List<LogSource> referencedLogSources)
            throws PipelineException {
        if (pipelines.isEmpty()) {
            return correlation;
        }
        WorkingRule w = WorkingRule.of(correlation, referencedLogSources);
        run(w);
        return w.correlation();
    }

    /** The reasons of the unavailable fields, each with the detection items concerned. */
    private static PipelineException unservable(WorkingRule w) {
        Map<String, Set<String>> byReason = new LinkedHashMap<>();
        for (DetectionItem i : w.items()) {
            String reason = w.unavailable(i);
            if (reason != null) {
                byReason.computeIfAbsent(reason, k -> new LinkedHashSet<>()).add("'" + i.key() + "'");
            }
        }
        StringBuilder sb = new StringBuilder("the rule can never match: ");
        byReason.forEach((reason, keys) -> sb.append(reason).append(" (").append(String.join(", ", keys))
                .append("); "));
        sb.setLength(sb.length() - 2);
        return new PipelineException("pipeline-unservable", sb.toString());
    }

    private void run(WorkingRule w) throws PipelineException {
        for (Pipeline p : pipelines) {
            for (ProcessingItem item : p.items()) {
                try {
                    item.apply(w, vars);
                } catch (PipelineException e) {
                    throw new PipelineException(e.code(), "pipeline '" + p.name() + "'"
                            + (item.id() != null ? " item '" + item.id() + "'" : "") + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The log sources of the detection rules a correlation refers to, directly or through the correlations it
     * refers to. Rules that cannot be found (not loaded, rejected) are skipped.
     *
     * @param ruleLogSource the log source of a detection rule by id or name (as the pipelines left it), or
     *                      {@code null}
     * @param correlation   a correlation rule by id or name, or {@code null}
     */
    public static List<LogSource> referencedLogSources(SigmaCorrelation c, Function<String, LogSource> ruleLogSource,
                                                       Function<String, SigmaCorrelation> correlation) {
        List<LogSource> out = new ArrayList<>();
        collect(c, ruleLogSource, correlation, Collections.newSetFromMap(new IdentityHashMap<>()), out);
        return out;
    }

    private static void collect(SigmaCorrelation c, Function<String, LogSource> ruleLogSource,
                                Function<String, SigmaCorrelation> correlation, Set<SigmaCorrelation> seen,
                                List<LogSource> out) {
        if (!seen.add(c)) {
            return;
        }
        for (String ref : c.ruleRefs()) {
            LogSource ls = ruleLogSource.apply(ref);
            if (ls != null) {
                out.add(ls);
            } else if (correlation.apply(ref) != null) {
                collect(correlation.apply(ref), ruleLogSource, correlation, seen, out);
            }
        }
    }
}
