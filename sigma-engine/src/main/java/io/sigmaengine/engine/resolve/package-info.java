/**
 * Resolution: turns a (pipeline-processed) rule into a {@link io.sigmaengine.engine.resolve.ResolvedRule} whose
 * conditions are boolean expressions over detection indexes: selectors expanded with pySigma's rules (skip
 * {@code _} identifiers, remove selectors that match nothing), filters attached.
 */
package io.sigmaengine.engine.resolve;
