package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.model.ConditionEntry;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The transformation types, each a small factory over its parsed parameters. */
final class Transformations {

    private Transformations() {
    }

    /**
     * {@code add_condition}: adds a new {@code _cond<n>} detection built from {@code conditions} and ANDs it with
     * every condition of the rule ({@code not} with {@code negated}). With {@code template}, {@code $category},
     * {@code $product} and {@code $service} in string values are replaced from the rule's log source.
     */
    static Transformation addCondition(Function<LogSource, DetectionNode> detection, boolean negated) {
        return (item, rule, pipeline) -> {
            SigmaRule r = rule.rule();
            DetectionNode body = detection.apply(r.logsource());
            String name = rule.newConditionName();
            List<Detection> ds = new ArrayList<>(r.detections());
            ds.add(new Detection(name, body, r.meta().location()));
            ConditionExpr ref = new ConditionExpr.Identifier(name, 0);
            ConditionExpr guard = negated ? new ConditionExpr.Not(ref, 0) : ref;
            List<ConditionEntry> cs = new ArrayList<>();
            for (ConditionEntry c : r.conditions()) {
                cs.add(new ConditionEntry((negated ? "not " : "") + name + " and (" + c.text() + ")",
                        new ConditionExpr.And(List.of(guard, c.expr()), 0), c.location()));
            }
            rule.setRule(r.withDetections(ds).withConditions(cs));
            rule.markApplied(item.id());
        };
    }

    /** {@code change_logsource}: replaces the keys it sets. */
    static Transformation changeLogsource(String category, String product, String service) {
        return (item, rule, pipeline) -> {
            LogSource ls = rule.rule().logsource();
            LogSource n = new LogSource(category != null ? category : ls.category(),
                    product != null ? product : ls.product(), service != null ? service : ls.service(), ls.other());
            rule.setRule(rule.rule().withLogsource(n));
            rule.markApplied(item.id());
        };
    }

    /**
     * {@code field_name_mapping}: renames fields; a field mapped to several names becomes an OR of one item per
     * name. Field references ({@code fieldref}) and the rule's {@code fields} list are renamed too.
     */
    static Transformation fieldNameMapping(Map<String, List<String>> mapping) {
        return (item, rule, pipeline) -> {
            rule.rewriteItems(item.id(), di -> {
                List<SigmaValue> values = renameFieldRefs(di.values(), mapping, f -> item.touchesField(rule, f, di));
                DetectionItem base = values == di.values() ? di : di.withValues(values);
                String f = di.field();
                List<String> targets = f == null ? null : mapping.get(f);
                if (targets == null || !item.touchesField(rule, f, di) || !item.touches(rule, di)) {
                    return new DetectionNode.Item(base);
                }
                if (targets.size() == 1) {
                    return new DetectionNode.Item(base.withField(targets.get(0)));
                }
                List<DetectionNode> alts = new ArrayList<>();
                for (String t : targets) {
                    alts.add(new DetectionNode.Item(base.withField(t)));
                }
                return new DetectionNode.AnyOf(alts);
            });
            List<String> fields = rule.rule().meta().fields();
            List<String> renamed = new ArrayList<>();
            for (String f : fields) {
                renamed.addAll(mapping.getOrDefault(f, List.of(f)));
            }
            if (!renamed.equals(fields)) {
                rule.setRule(rule.rule().withMeta(rule.rule().meta().withFields(renamed)));
            }
        };
    }

    private static List<SigmaValue> renameFieldRefs(List<SigmaValue> values, Map<String, List<String>> mapping,
                                                    java.util.function.Predicate<String> touches) {
        List<SigmaValue> out = null;
        for (int i = 0; i < values.size(); i++) {
            SigmaValue v = values.get(i);
            if (v instanceof SigmaValue.FieldRef fr && mapping.containsKey(fr.field()) && touches.test(fr.field())
                    && mapping.get(fr.field()).size() == 1) {
                if (out == null) {
                    out = new ArrayList<>(values);
                }
                out.set(i, new SigmaValue.FieldRef(mapping.get(fr.field()).get(0), fr.anyPrefix(), fr.anySuffix()));
            }
        }
        return out == null ? values : out;
    }

    /** {@code value_placeholders}: replaces placeholders by the pipeline's {@code vars}. */
    static Transformation valuePlaceholders(Set<String> include, Set<String> exclude, Limits limits) {
        return (item, rule, pipeline) -> rule.rewriteItems(item.id(), di -> {
            if (!item.touches(rule, di)) {
                return new DetectionNode.Item(di);
            }
            List<SigmaValue> out = new ArrayList<>(di.values().size());
            boolean changed = false;
            for (SigmaValue v : di.values()) {
                SigmaValue r = Placeholders.substitute(v,
                        n -> (include.isEmpty() || include.contains(n)) && !exclude.contains(n),
                        n -> pipeline.vars().get(n), limits);
                changed |= r != v;
                out.add(r);
            }
            return new DetectionNode.Item(changed ? di.withValues(out) : di);
        });
    }

    /** {@code wildcard_placeholders}: replaces placeholders by {@code *}. */
    static Transformation wildcardPlaceholders(Set<String> include, Set<String> exclude) {
        return (item, rule, pipeline) -> rule.rewriteItems(item.id(), di -> {
            if (!item.touches(rule, di)) {
                return new DetectionNode.Item(di);
            }
            List<SigmaValue> out = new ArrayList<>(di.values().size());
            boolean changed = false;
            for (SigmaValue v : di.values()) {
                SigmaValue r = Placeholders.wildcard(v,
                        n -> (include.isEmpty() || include.contains(n)) && !exclude.contains(n));
                changed |= !r.equals(v);
                out.add(r);
            }
            return new DetectionNode.Item(changed ? di.withValues(out) : di);
        });
    }

    /** {@code drop_detection_item}: removes the detection items its conditions select. */
    static Transformation dropDetectionItem() {
        return (item, rule, pipeline) -> rule.rewriteItems(item.id(), di ->
                item.touches(rule, di) && (di.field() == null || item.touchesField(rule, di.field(), di))
                        ? null : new DetectionNode.Item(di));
    }

    /** {@code rule_failure}: refuses the rule. */
    static Transformation ruleFailure(String message) {
        return (item, rule, pipeline) -> {
            throw new PipelineException("pipeline-rule-failure", message);
        };
    }

    /** {@code detection_item_failure}: refuses the rule if a selected detection item exists. */
    static Transformation detectionItemFailure(String message) {
        return (item, rule, pipeline) -> {
            for (DetectionItem di : rule.items()) {
                if (item.touches(rule, di) && (di.field() == null || item.touchesField(rule, di.field(), di))) {
                    throw new PipelineException("pipeline-detection-item-failure", message + " ('" + di.key()
                            + "')");
                }
            }
        };
    }

    /** Replaces {@code $category}, {@code $product}, {@code $service} in a string value (add_condition template). */
    static SigmaValue template(SigmaValue v, LogSource ls) {
        if (v instanceof SigmaValue.Str s) {
            List<SigmaString.Token> tokens = new ArrayList<>();
            for (SigmaString.Token t : s.string().tokens()) {
                if (t instanceof SigmaString.Literal l) {
                    tokens.add(new SigmaString.Literal(l.text()
                            .replace("$category", nz(ls.category()))
                            .replace("$product", nz(ls.product()))
                            .replace("$service", nz(ls.service()))));
                } else {
                    tokens.add(t);
                }
            }
            return s.withString(SigmaString.of(tokens));
        }
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
