package io.sigmaengine.api;

/**
 * A built-in processing pipeline.
 *
 * @param name        what {@link RuleSetBuilder#addPipeline(String)} accepts
 * @param priority    its pySigma priority (lower runs first)
 * @param description one line saying what it is for
 */
public record PipelineInfo(String name, int priority, String description) {
}
