/**
 * Evaluation: the comparison primitives every evaluator shares (Unicode case folding, glob matching, number,
 * boolean and timestamp coercion of event values) and the straightforward tree-walking reference evaluator that
 * defines the engine's semantics.
 */
package io.sigmaengine.engine.eval;
