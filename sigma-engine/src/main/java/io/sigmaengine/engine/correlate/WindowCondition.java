package io.sigmaengine.engine.correlate;

import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.model.SigmaCorrelation;

import java.util.List;

/**
 * A correlation condition: operators on the window's aggregate, all of which must hold, or for temporal types a
 * boolean expression over which referenced rules occur in the window. Thresholds are compared as doubles (exact for
 * every count and for thresholds below 2^53).
 */
final class WindowCondition {

    private final SigmaCorrelation.Op[] ops;
    private final double[] bounds;
    private final Expr expr;
    private final long positiveSlots;

    private WindowCondition(SigmaCorrelation.Op[] ops, double[] bounds, Expr expr, long positiveSlots) {
        this.ops = ops;
        this.bounds = bounds;
        this.expr = expr;
        this.positiveSlots = positiveSlots;
    }

    static WindowCondition thresholds(List<SigmaCorrelation.Threshold> thresholds) {
        SigmaCorrelation.Op[] ops = new SigmaCorrelation.Op[thresholds.size()];
        double[] bounds = new double[ops.length];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = thresholds.get(i).op();
            bounds[i] = thresholds.get(i).bound().doubleValue();
        }
        return new WindowCondition(ops, bounds, null, 0);
    }

    /** An extended temporal condition; identifiers are rule references, mapped to their slot in {@code refs}. */
    static WindowCondition expression(ConditionExpr e, List<String> refs) {
        long[] positive = {0};
        Expr compiled = compile(e, refs, false, positive);
        return new WindowCondition(new SigmaCorrelation.Op[0], new double[0], compiled, positive[0]);
    }

    boolean isExpression() {
        return expr != null;
    }

    /** Slots named outside any {@code not}: for {@code temporal_ordered} they must occur in rule order. */
    long positiveSlots() {
        return positiveSlots;
    }

    boolean test(double value) {
        for (int i = 0; i < ops.length; i++) {
            double b = bounds[i];
            boolean ok = switch (ops[i]) {
                case GT -> value > b;
                case GTE -> value >= b;
                case LT -> value < b;
                case LTE -> value <= b;
                case EQ -> value == b;
                case NEQ -> value != b;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The expression for the set of slots present in the window. */
    boolean testPresence(long presentSlots) {
        return expr.eval(presentSlots);
    }

    /**
     * Whether a window without events satisfies the condition. Such conditions (absence: {@code lt}, {@code lte},
     * {@code eq: 0}, {@code neq}, {@code not rule}) can only be decided once a window is complete.
     */
    boolean satisfiedByEmptyWindow() {
        return expr != null ? containsNot(expr) : test(0);
    }

    /**
     * For conditions made only of {@code gt}/{@code gte}: the smallest count that satisfies them, so a window needs
     * to keep no more entries than this. {@code Integer.MAX_VALUE} for every other condition.
     */
    int lowerBoundCount() {
        if (expr != null || ops.length == 0) {
            return Integer.MAX_VALUE;
        }
        double need = 0;
        for (int i = 0; i < ops.length; i++) {
            double b = bounds[i];
            double n = switch (ops[i]) {
                case GTE -> Math.ceil(b);
                case GT -> Math.floor(b) + 1;
                default -> Double.NaN;
            };
            if (Double.isNaN(n)) {
                return Integer.MAX_VALUE;
            }
            need = Math.max(need, n);
        }
        return need >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, need);
    }

    /** A compiled boolean expression over a bit set of present slots. */
    private interface Expr {
        boolean eval(long present);
    }

    private record Slot(long bit) implements Expr {
        public boolean eval(long present) {
            return (present & bit) != 0;
        }
    }

    private record Not(Expr operand) implements Expr {
        public boolean eval(long present) {
            return !operand.eval(present);
        }
    }

    private record And(Expr[] operands) implements Expr {
        public boolean eval(long present) {
            for (Expr e : operands) {
                if (!e.eval(present)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Or(Expr[] operands) implements Expr {
        public boolean eval(long present) {
            for (Expr e : operands) {
                if (e.eval(present)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Expr compile(ConditionExpr e, List<String> refs, boolean negated, long[] positive) {
        if (e instanceof ConditionExpr.Identifier id) {
            long bit = 1L << refs.indexOf(id.name());
            if (!negated) {
                positive[0] |= bit;
            }
            return new Slot(bit);
        }
        if (e instanceof ConditionExpr.Not n) {
            return new Not(compile(n.operand(), refs, !negated, positive));
        }
        List<ConditionExpr> ops = e instanceof ConditionExpr.And a ? a.operands() : ((ConditionExpr.Or) e).operands();
        Expr[] out = new Expr[ops.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(ops.get(i), refs, negated, positive);
        }
        return e instanceof ConditionExpr.And ? new And(out) : new Or(out);
    }

    private static boolean containsNot(Expr e) {
        if (e instanceof Not) {
            return true;
        }
        Expr[] ops = e instanceof And a ? a.operands() : e instanceof Or o ? o.operands() : new Expr[0];
        for (Expr x : ops) {
            if (containsNot(x)) {
                return true;
            }
        }
        return false;
    }
}
