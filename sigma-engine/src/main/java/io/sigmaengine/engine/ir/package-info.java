/**
 * The intermediate representation of the optimizing compiler: each rule as a boolean DAG over typed
 * {@link io.sigmaengine.engine.ir.Predicate}s (one rule value against one field), lowered from resolved rules with
 * their exact semantics kept in each predicate.
 */
package io.sigmaengine.engine.ir;
