/**
 * The engine's entry points: {@link io.sigmaengine.engine.SigmaEngineProvider} (found by
 * {@link io.sigmaengine.api.Sigma}), the rule-set builder that runs the stages load → filters → pipelines →
 * resolve → compile, and the immutable rule set it produces.
 */
package io.sigmaengine.engine;
