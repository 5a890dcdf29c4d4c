package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.model.ConditionEntry;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The transformation types that act on the rule as a whole or on detection items as a whole. Field renaming is
 * {@link FieldNameMapping}, value rewriting {@link ValueTransformation}. Transformations that only make sense for
 * detection rules (conditions, log source, detection items) leave correlation rules alone, as in pySigma.
 */
final class Transformations {

    private Transformations() {
    }

    /**
     * {@code add_condition}: adds a detection built from {@code conditions} (named {@code name}, else a fresh
     * {@code _cond<n>}) and ANDs it with every condition of the rule ({@code not} with {@code negated}). With
     * {@code template}, {@code $category}, {@code $product} and {@code $service} in string values are replaced
     * from the rule's log source.
     */
    static Transformation addCondition(Function<LogSource, DetectionNode> detection, boolean negated, String name) {
        return (item, rule, vars) -> {
            if (rule.isCorrelation()) {
                return;
            }
            SigmaRule r = rule.rule();
            if (name != null && r.detection(name) != null) {
                throw new PipelineException("pipeline-add-condition", "'add_condition' would replace the rule's "
                        + "own search identifier '" + name + "'");
            }
            String n = name != null ? name : rule.newConditionName();
            DetectionNode body = detection.apply(r.logsource());
            List<Detection> ds = new ArrayList<>(r.detections());
            ds.add(new Detection(n, body, r.meta().location()));
            ConditionExpr ref = new ConditionExpr.Identifier(n, 0);
            ConditionExpr guard = negated ? new ConditionExpr.Not(ref, 0) : ref;
            List<ConditionEntry> cs = new ArrayList<>();
            for (ConditionEntry c : r.conditions()) {
                cs.add(new ConditionEntry((negated ? "not " : "") + n + " and (" + c.text() + ")",
                        new ConditionExpr.And(List.of(guard, c.expr()), 0), c.location()));
            }
            rule.setRule(r.withDetections(ds).withConditions(cs));
            rule.trackNew(body, item.id());
        };
    }

    /** Replaces {@code $category}, {@code $product}, {@code $service} in string values (add_condition template). */
    static DetectionNode template(DetectionNode n, LogSource ls) {
        if (n instanceof DetectionNode.Item it) {
            List<SigmaValue> vs = new ArrayList<>();
            for (SigmaValue v : it.item().values()) {
                vs.add(template(v, ls));
            }
            return new DetectionNode.Item(it.item().withValues(vs));
        }
        List<DetectionNode> out = new ArrayList<>();
        if (n instanceof DetectionNode.AllOf a) {
            a.children().forEach(c -> out.add(template(c, ls)));
            return new DetectionNode.AllOf(out);
        }
        ((DetectionNode.AnyOf) n).children().forEach(c -> out.add(template(c, ls)));
        return new DetectionNode.AnyOf(out);
    }

    private static SigmaValue template(SigmaValue v, LogSource ls) {
        if (!(v instanceof SigmaValue.Str s)) {
            return v;
        }
        List<SigmaString.Token> tokens = new ArrayList<>();
        for (SigmaString.Token t : s.string().tokens()) {
            tokens.add(t instanceof SigmaString.Literal l ? new SigmaString.Literal(l.text()
                    .replace("$category", nz(ls.category()))
                    .replace("$product", nz(ls.product()))
                    .replace("$service", nz(ls.service()))) : t);
        }
        return s.withString(SigmaString.of(tokens));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * {@code change_logsource}: the rule's log source becomes exactly the given category, product and service; as
     * in pySigma, a key the transformation leaves out is cleared, not kept.
     */
    static Transformation changeLogsource(String category, String product, String service) {
        return (item, rule, vars) -> {
            if (!rule.isCorrelation()) {
                LogSource old = rule.rule().logsource();
                rule.setRule(rule.rule().withLogsource(new LogSource(category, product, service, old.other())));
            }
        };
    }

    /** {@code drop_detection_item}: removes the selected detection items. */
    static Transformation dropDetectionItem() {
        return (item, rule, vars) -> rule.dropItems(item);
    }

    /** {@code rule_failure}: refuses every rule the item applies to. */
    static Transformation ruleFailure(String message) {
        return (item, rule, vars) -> {
            throw new PipelineException("pipeline-rule-failure", message);
        };
    }

    /** {@code detection_item_failure}: refuses the rule if it has a selected detection item. */
    static Transformation detectionItemFailure(String message) {
        return (item, rule, vars) -> rule.rewriteItems(item, di -> {
            throw new PipelineException("pipeline-detection-item-failure", message + " ('" + di.key() + "')");
        });
    }

    /**
     * {@code strict_field_mapping_failure}: refuses a detection rule that still has a field no field mapping of the
     * run has mapped (neither the source nor the target of a mapping).
     */
    static Transformation strictFieldMappingFailure() {
        return (item, rule, vars) -> {
            Set<String> unmapped = new LinkedHashSet<>();
            for (DetectionItem di : rule.items()) {
                if (di.field() != null && !rule.isMapped(di.field())) {
                    unmapped.add(di.field());
                }
            }
            if (!unmapped.isEmpty()) {
                throw new PipelineException("pipeline-unmapped-field", "the following fields are not mapped: "
                        + String.join(", ", unmapped));
            }
        };
    }

    /**
     * {@code field_unavailable} (an engine extension; pySigma has no counterpart): the selected detection items name
     * fields the target events do not have, for the reason given in {@code message}. The items stay as they are and
     * never match; a rule that can then never match at all is refused with the reason once every pipeline has run
     * (see {@link Servability}), so rules that only lose alternatives are still served. For a correlation rule, a
     * selected {@code group-by} or {@code condition.field} name refuses it at once.
     */
    static Transformation fieldUnavailable(String message) {
        return (item, rule, vars) -> {
            if (!rule.isCorrelation()) {
                rule.markUnavailable(item, message);
                return;
            }
            SigmaCorrelation c = rule.correlation();
            for (String f : concat(c.groupBy(), c.valueFields())) {
                if (item.matchesField(rule, f)) {
                    throw new PipelineException("pipeline-unservable", message + " ('" + f + "')");
                }
            }
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** {@code set_state}: sets a key of the pipeline state, for {@code processing_state} conditions. */
    static Transformation setState(String key, Object value) {
        return (item, rule, vars) -> rule.state().put(key, value);
    }

    /**
     * {@code nest}: applies nested processing items (each with its own conditions) to the rules the enclosing
     * item applies to. Unlike pySigma, whose nested pipeline starts with empty variables and state, nested items
     * see the variables and state of the run.
     */
    static Transformation nest(List<ProcessingItem> items) {
        List<ProcessingItem> nested = List.copyOf(items);
        return (item, rule, vars) -> {
            for (ProcessingItem n : nested) {
                n.apply(rule, vars);
            }
        };
    }

    /**
     * {@code hashes_fields}: splits a Sysmon-style hash field ({@code Hashes: 'SHA256=...'}) into one field per
     * algorithm, named {@code field_prefix} + algorithm (upper case, or nothing with {@code drop_algo_prefix}),
     * ORed. A value without {@code ALGO=} (or {@code ALGO|}) is classified by its length (32 MD5, 40 SHA1, 64
     * SHA256, 128 SHA512). pySigma drops values whose algorithm is not in {@code valid_hash_algos}; that would
     * silently lose alternatives of the rule, so here such a value refuses the rule with its reason.
     */
    static Transformation hashesFields(String fieldToParse, Set<String> validAlgos, String prefix,
                                       boolean dropAlgoPrefix) {
        return (item, rule, vars) -> rule.rewriteItems(item, di -> {
            if (!fieldToParse.equals(di.field())
                    || !di.values().stream().allMatch(v -> v instanceof SigmaValue.Str)) {
                return null;
            }
            if (di.all() || di.negated()) {
                throw new PipelineException("pipeline-hashes-fields", "'" + di.key() + "' cannot be split into "
                        + "one field per hash algorithm: its values are not simply ORed");
            }
            Map<String, List<SigmaValue>> byField = new LinkedHashMap<>();
            for (SigmaValue v : di.values()) {
                SigmaValue.Str s = (SigmaValue.Str) v;
                String text = s.string().toRuleText();
                String[] parts = text.indexOf('|') >= 0 ? text.split("\\|", -1) : text.split("=", -1);
                String algo;
                String hash;
                if (parts.length == 2) {
                    algo = parts[0].replaceFirst("^\\*+", "").toUpperCase(Locale.ROOT);
                    hash = parts[1];
                } else {
                    hash = text;
                    algo = byLength(hash.replaceAll("^\\*+|\\*+$", "").length());
                }
                if (!validAlgos.contains(algo)) {
                    throw new PipelineException("pipeline-hashes-fields", "'" + text + "' in '" + di.key()
                            + "' is not a hash of the algorithms " + validAlgos + " the pipeline can map");
                }
                byField.computeIfAbsent(prefix + (dropAlgoPrefix ? "" : algo), k -> new ArrayList<>())
                        .add(s.withString(SigmaString.parse(hash)));
            }
            List<DetectionNode> items = new ArrayList<>();
            byField.forEach((field, values) -> items.add(new DetectionNode.Item(
                    new DetectionItem(field, List.of(), values, false, false, di.location()))));
            return items.size() == 1 ? items.get(0) : new DetectionNode.AnyOf(items);
        });
    }

    private static String byLength(int length) {
        return switch (length) {
            case 32 -> "MD5";
            case 40 -> "SHA1";
            case 64 -> "SHA256";
            case 128 -> "SHA512";
            default -> "";
        };
    }

    /**
     * {@code add_field}, {@code remove_field} and {@code set_field}: change the rule's {@code fields} list (the
     * fields worth showing with a match), of detection and correlation rules alike.
     */
    static Transformation fieldsList(String type, List<String> names) {
        return (item, rule, vars) -> {
            List<String> fields = new ArrayList<>(rule.meta().fields());
            switch (type) {
                case "add_field" -> fields.addAll(names);
                case "remove_field" -> fields.removeAll(names);
                default -> fields = new ArrayList<>(names);
            }
            if (rule.isCorrelation()) {
                SigmaCorrelation c = rule.correlation();
                rule.setCorrelation(c.withFields(c.meta().withFields(fields), c.groupBy(), c.valueFields(),
                        c.aliases()));
            } else {
                rule.setRule(rule.rule().withMeta(rule.meta().withFields(fields)));
            }
        };
    }
}
