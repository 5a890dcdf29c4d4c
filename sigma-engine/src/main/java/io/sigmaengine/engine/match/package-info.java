/**
 * Comparison primitives every evaluator shares: Unicode case folding, glob matching, how event values are seen as
 * text, numbers, booleans and timestamps, and {@link io.sigmaengine.engine.match.ValueTest}, the exact semantics of
 * one rule value against one event field.
 */
package io.sigmaengine.engine.match;
