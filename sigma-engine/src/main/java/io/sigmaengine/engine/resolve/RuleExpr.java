package io.sigmaengine.engine.resolve;

import java.util.List;

/** A resolved condition: a boolean expression over the detections of one rule, addressed by index. */
public sealed interface RuleExpr {

    record Or(List<RuleExpr> operands) implements RuleExpr {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record And(List<RuleExpr> operands) implements RuleExpr {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Not(RuleExpr operand) implements RuleExpr {
    }

    /** The value of detection number {@code index} of the rule. */
    record Ref(int index) implements RuleExpr {
    }

    /** A constant, e.g. {@code false} for a condition that vanished entirely. */
    record Const(boolean value) implements RuleExpr {
        public static final Const FALSE = new Const(false);
        public static final Const TRUE = new Const(true);
    }
}
