package io.sigmaengine.engine.condition;

import java.util.List;

/**
 * A parsed Sigma condition. {@code column} is the 1-based column in the condition string where the node starts.
 */
public sealed interface ConditionExpr {

    int column();

    /** {@code a or b or ...}; at least two operands. */
    record Or(List<ConditionExpr> operands, int column) implements ConditionExpr {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code a and b and ...}; at least two operands. */
    record And(List<ConditionExpr> operands, int column) implements ConditionExpr {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** {@code not x}. */
    record Not(ConditionExpr operand, int column) implements ConditionExpr {
    }

    /** A search identifier by name, e.g. {@code selection}. */
    record Identifier(String name, int column) implements ConditionExpr {
    }

    /**
     * {@code 1 of pattern}, {@code any of pattern}, {@code all of pattern}, {@code 1 of them}, {@code all of them}.
     *
     * @param quantifier {@link Quantifier#ANY} for {@code 1}/{@code any}, {@link Quantifier#ALL} for {@code all}
     * @param pattern    the identifier pattern ({@code *} is the only wildcard), or {@code null} for {@code them}
     */
    record Selector(Quantifier quantifier, String pattern, int column) implements ConditionExpr {
        public boolean isThem() {
            return pattern == null;
        }
    }

    /** Selector quantifiers. */
    enum Quantifier {
        /** {@code 1 of} / {@code any of}: OR over the selected identifiers. */
        ANY,
        /** {@code all of}: AND over the selected identifiers. */
        ALL
    }
}
