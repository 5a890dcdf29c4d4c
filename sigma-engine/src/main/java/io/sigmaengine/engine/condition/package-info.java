/**
 * Stage 2 of loading: the Sigma condition language. An ANTLR4 grammar ({@code SigmaCondition.g4}) parses a
 * condition string into an immutable {@link io.sigmaengine.engine.condition.ConditionExpr} tree; selectors
 * ({@code 1 of sel_*}) stay unexpanded until the rule's final set of search identifiers is known.
 */
package io.sigmaengine.engine.condition;
