package io.sigmaengine.engine.condition;

import java.util.List;

/**
 * A successfully parsed condition plus compatibility warnings (e.g. an identifier starting with {@code not} that
 * pySigma would mis-parse, a pattern with {@code -}).
 *
 * @param expr     the tree
 * @param warnings human-readable warnings; each names the identifier concerned
 */
public record ParsedCondition(ConditionExpr expr, List<Warning> warnings) {
    public ParsedCondition {
        warnings = List.copyOf(warnings);
    }

    /** A compatibility warning at a column of the condition. */
    public record Warning(String code, String message, int column) {
    }
}
