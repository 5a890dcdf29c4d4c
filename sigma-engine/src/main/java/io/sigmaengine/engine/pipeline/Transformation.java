package io.sigmaengine.engine.pipeline;

/** One transformation type of a processing item (pySigma's {@code type:}). */
@FunctionalInterface
public interface Transformation {

    /**
     * Applies the transformation to the rule.
     *
     * @param item     the processing item (its id and detection-item/field-name conditions)
     * @param rule     the rule being processed
     * @param pipeline the pipeline the item belongs to (its {@code vars})
     * @throws PipelineException if the pipeline refuses the rule
     */
    void apply(ProcessingItem item, WorkingRule rule, Pipeline pipeline) throws PipelineException;
}
