/**
 * Stage 2 of loading: the Sigma condition language. {@link io.sigmaengine.engine.condition.ConditionParser} parses a
 * condition string with an ANTLR4 grammar ({@code SigmaCondition.g4}) into an immutable
 * {@link io.sigmaengine.engine.condition.ConditionExpr} tree; selectors ({@code 1 of sel_*}) stay unexpanded until the
 * compiler knows the rule's final set of search identifiers. The generated {@code SigmaCondition*} classes are an
 * implementation detail: the API is the parser, the tree and the exception.
 */
package io.sigmaengine.engine.condition;
