package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.SigmaRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs pipelines over rules: lowest priority first, pipelines of equal priority in the order given. */
public final class PipelineRunner {

    private final List<Pipeline> pipelines;

    public PipelineRunner(List<Pipeline> pipelines) {
        List<Pipeline> sorted = new ArrayList<>(pipelines);
        sorted.sort(Comparator.comparingInt(Pipeline::priority));
        this.pipelines = List.copyOf(sorted);
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
        WorkingRule w = new WorkingRule(rule);
        for (Pipeline p : pipelines) {
            for (ProcessingItem item : p.items()) {
                if (item.appliesTo(w)) {
                    try {
                        item.transformation().apply(item, w, p);
                    } catch (PipelineException e) {
                        throw new PipelineException(e.code(), "pipeline '" + p.name() + "'"
                                + (item.id() != null ? " item '" + item.id() + "'" : "") + ": " + e.getMessage());
                    }
                }
            }
        }
        return w.rule();
    }
}
