/**
 * Processing pipelines (pySigma's processing-pipeline YAML): ordered, conditional transformations that adapt rules
 * to an event schema before they are compiled.
 * <ul>
 *   <li>{@link io.sigmaengine.engine.pipeline.PipelineLoader} reads a pipeline file into a
 *       {@link io.sigmaengine.engine.pipeline.Pipeline} of {@link io.sigmaengine.engine.pipeline.ProcessingItem}s,
 *       with {@code TransformationFactory} and {@code ConditionFactory} building each item's transformation and
 *       conditions ({@link io.sigmaengine.engine.pipeline.Conditions}).</li>
 *   <li>{@link io.sigmaengine.engine.pipeline.PipelineRunner} applies the pipelines, by priority, to detection and
 *       correlation rules, each held in a {@link io.sigmaengine.engine.pipeline.WorkingRule} with pySigma's
 *       processing-item tracking and state.</li>
 *   <li>The transformations: {@code FieldNameMapping} (field names), {@code ValueTransformation} (values one by
 *       one), {@code Transformations} (the rest); {@code Servability} decides whether a rule with unavailable
 *       fields can still match.</li>
 *   <li>{@link io.sigmaengine.engine.pipeline.BuiltInPipelines}: {@code sysmon}, {@code windows},
 *       {@code windows-audit}, {@code ecs-windows}, {@code ecs-windows-old}, YAML resources beside this package.</li>
 * </ul>
 */
package io.sigmaengine.engine.pipeline;
