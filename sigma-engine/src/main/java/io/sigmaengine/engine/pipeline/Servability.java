package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.ConditionEntry;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.resolve.ConditionResolver;
import io.sigmaengine.engine.resolve.RuleExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides whether a rule can still match when some of its detection items name fields the target events never
 * have (see the {@code field_unavailable} transformation). Such an item has a fixed value: a comparison with a
 * missing field is false, except {@code null} and {@code exists: false}, which hold, and {@code neq} turns the
 * result round. The rule can never match if every condition is then false whatever the other items say, which a
 * three-valued evaluation (false, true, unknown) of the conditions finds. A rule that merely loses alternatives
 * ({@code Image|endswith: ... or OriginalFileName: ...}) can still match and is served.
 */
final class Servability {

    private enum Truth {
        FALSE, TRUE, UNKNOWN;

        Truth not() {
            return this == UNKNOWN ? this : this == TRUE ? FALSE : TRUE;
        }
    }

    private Servability() {
    }

    /** Whether no condition of the rule can be true when the {@code unavailable} items see a missing field. */
    static boolean neverMatches(SigmaRule rule, Predicate<DetectionItem> unavailable) {
        List<String> names = new ArrayList<>();
        List<Truth> values = new ArrayList<>();
        for (Detection d : rule.detections()) {
            names.add(d.name());
            values.add(truth(d.body(), unavailable));
        }
        for (ConditionEntry c : rule.conditions()) {
            RuleExpr e = ConditionResolver.resolve(c.expr(), names, 0, removed -> {
            });
            if (e != null && truth(e, values) != Truth.FALSE) {
                return false;
            }
        }
        return true;
    }

    private static Truth truth(DetectionNode n, Predicate<DetectionItem> unavailable) {
        if (n instanceof DetectionNode.Item it) {
            return unavailable.test(it.item()) ? onMissingField(it.item()) : Truth.UNKNOWN;
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> children = all ? ((DetectionNode.AllOf) n).children()
                : ((DetectionNode.AnyOf) n).children();
        Truth decisive = all ? Truth.FALSE : Truth.TRUE;
        Truth result = all ? Truth.TRUE : Truth.FALSE;
        for (DetectionNode c : children) {
            Truth t = truth(c, unavailable);
            if (t == decisive) {
                return decisive;
            }
            if (t == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }

    private static Truth onMissingField(DetectionItem item) {
        boolean matches = item.all() ? item.values().stream().allMatch(Servability::matchesMissing)
                : item.values().stream().anyMatch(Servability::matchesMissing);
        return matches != item.negated() ? Truth.TRUE : Truth.FALSE;
    }

    private static boolean matchesMissing(SigmaValue v) {
        if (v instanceof SigmaValue.Expansion e) {
            return e.alternatives().stream().anyMatch(Servability::matchesMissing);
        }
        return v == SigmaValue.Null.INSTANCE || v instanceof SigmaValue.Exists ex && !ex.exists();
    }

    private static Truth truth(RuleExpr e, List<Truth> detections) {
        if (e instanceof RuleExpr.Ref r) {
            return detections.get(r.index());
        }
        if (e instanceof RuleExpr.Const c) {
            return c.value() ? Truth.TRUE : Truth.FALSE;
        }
        if (e instanceof RuleExpr.Not n) {
            return truth(n.operand(), detections).not();
        }
        boolean and = e instanceof RuleExpr.And;
        List<RuleExpr> ops = and ? ((RuleExpr.And) e).operands() : ((RuleExpr.Or) e).operands();
        Truth decisive = and ? Truth.FALSE : Truth.TRUE;
        Truth result = and ? Truth.TRUE : Truth.FALSE;
        for (RuleExpr o : ops) {
            Truth t = truth(o, detections);
            if (t == decisive) {
                return decisive;
            }
            if (t == Truth.UNKNOWN) {
                result = Truth.UNKNOWN;
            }
        }
        return result;
    }
}
