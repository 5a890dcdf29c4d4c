package io.sigmaengine.engine.condition;

import java.util.stream.Collectors;

/** Renders a condition tree without columns, e.g. {@code or(a, and(b, not(c)))}, for compact assertions. */
final class Sexpr {

    private Sexpr() {
    }

    static String of(ConditionExpr expr) {
        if (expr instanceof ConditionExpr.Or or) {
            return or.operands().stream().map(Sexpr::of).collect(Collectors.joining(", ", "or(", ")"));
        }
        if (expr instanceof ConditionExpr.And and) {
            return and.operands().stream().map(Sexpr::of).collect(Collectors.joining(", ", "and(", ")"));
        }
        if (expr instanceof ConditionExpr.Not not) {
            return "not(" + of(not.operand()) + ")";
        }
        if (expr instanceof ConditionExpr.Selector selector) {
            return selector.quantifier().name().toLowerCase() + "(" + (selector.isThem() ? "them" : selector.pattern())
                    + ")";
        }
        return ((ConditionExpr.Identifier) expr).name();
    }
}
