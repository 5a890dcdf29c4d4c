/**
 * Processing pipelines (pySigma's processing-pipeline YAML): ordered, conditional transformations that adapt
 * rules to an event schema before they are compiled: log source to event predicates ({@code add_condition}),
 * field renaming, placeholder values, rule failures. Includes the built-in pipelines.
 */
package io.sigmaengine.engine.pipeline;
