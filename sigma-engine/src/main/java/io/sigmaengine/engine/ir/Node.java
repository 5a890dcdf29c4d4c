package io.sigmaengine.engine.ir;

import java.util.List;

/** A node of a rule's boolean DAG. Subtrees may be shared between conditions and rules. */
public sealed interface Node {

    record And(List<Node> operands) implements Node {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Node> operands) implements Node {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Node operand) implements Node {
    }

    record Leaf(Predicate predicate) implements Node {
    }

    record Const(boolean value) implements Node {
        public static final Const TRUE = new Const(true);
        public static final Const FALSE = new Const(false);
    }
}
