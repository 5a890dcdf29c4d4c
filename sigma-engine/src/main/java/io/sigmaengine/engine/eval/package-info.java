/**
 * Evaluation: the straightforward tree-walking reference evaluator that defines the engine's semantics, and the
 * machine that runs compiled programs; both implement {@link io.sigmaengine.engine.eval.RuleMatcher}.
 */
package io.sigmaengine.engine.eval;
