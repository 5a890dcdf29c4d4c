/**
 * The public surface of the Sigma engine: everything an embedder touches.
 *
 * <ul>
 *   <li>{@link io.sigmaengine.api.Sigma} is the entry point; it finds the engine implementation on the class path.</li>
 *   <li>{@link io.sigmaengine.api.RuleSetBuilder} loads rules, pipelines and placeholder values and compiles them into
 *       an immutable, thread-safe {@link io.sigmaengine.api.RuleSet}.</li>
 *   <li>Events are read through {@link io.sigmaengine.api.Event} or, for the caller's own event type, through an
 *       {@link io.sigmaengine.api.EventAdapter}: nothing has to be copied into maps.</li>
 *   <li>Results are {@link io.sigmaengine.api.Match}es; problems with rules are {@link io.sigmaengine.api.Diagnostic}s.</li>
 *   <li>Correlation rules run in a stateful {@link io.sigmaengine.api.Detector}, which reports matches and
 *       {@link io.sigmaengine.api.Alert}s and can be checkpointed.</li>
 * </ul>
 *
 * This package depends on nothing but the JDK, so it never leaks the YAML or parser libraries the engine uses.
 */
package io.sigmaengine.api;
