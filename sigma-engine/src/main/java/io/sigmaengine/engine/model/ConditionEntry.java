package io.sigmaengine.engine.model;

import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.condition.ConditionExpr;

/**
 * One condition of a rule (rules may list several; any of them matching is a match).
 *
 * @param text     the condition as written (or as rewritten by a pipeline)
 * @param expr     the parsed tree, with selectors not yet expanded
 * @param location where the condition is written
 */
public record ConditionEntry(String text, ConditionExpr expr, SourceLocation location) {
}
