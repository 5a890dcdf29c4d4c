package io.sigmaengine.engine.pipeline;

import java.util.List;
import java.util.Map;

/** One transformation type of a processing item (pySigma's {@code type:}). */
@FunctionalInterface
public interface Transformation {

    /**
     * Applies the transformation to a rule whose rule conditions hold.
     *
     * @param item the processing item (its id and detection-item/field-name conditions)
     * @param rule the rule being processed
     * @param vars the combined {@code vars} of the pipelines being run
     * @throws PipelineException if the pipeline refuses the rule
     */
    void apply(ProcessingItem item, WorkingRule rule, Map<String, List<String>> vars) throws PipelineException;
}
