/**
 * Compiled programs: the flat, immutable form the optimizer produces and the machine in
 * {@link io.sigmaengine.engine.eval} runs. Per rule, an array of branch instructions over predicate numbers; per
 * log-source bucket, multi-pattern automata that find every rule literal in a field value in one pass.
 */
package io.sigmaengine.engine.program;
