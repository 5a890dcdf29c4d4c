/**
 * The optimizer: simplifies each rule's IR (constant folding, flattening, duplicate removal), estimates the cost
 * and selectivity of predicates, chooses how to route events to buckets of rules by log-source fields, derives for
 * every rule the literals one of which must be present for it to match, and emits the compiled
 * {@link io.sigmaengine.engine.program.Program}.
 */
package io.sigmaengine.engine.optimize;
