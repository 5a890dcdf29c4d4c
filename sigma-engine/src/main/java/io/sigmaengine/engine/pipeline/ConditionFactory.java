package io.sigmaengine.engine.pipeline;

import com.google.re2j.Pattern;
import io.sigmaengine.api.Level;
import io.sigmaengine.api.Status;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the condition types of pySigma's {@code conditions/__init__.py} from their YAML definitions: the rule,
 * detection-item and field-name conditions of §8.2, each with pySigma's parameters and semantics. Unknown types and
 * parameters are configuration errors naming the line.
 */
final class ConditionFactory {

    private static final Set<String> TYPE = Set.of("type");

    private ConditionFactory() {
    }

    // ------------------------------------------------------------------ rule conditions

    static Conditions.RuleCondition rule(Params p) {
        String type = p.string("type", true);
        return switch (type) {
            case "logsource" -> {
                p.rejectUnknown("logsource condition", List.of("category", "product", "service"), TYPE);
                LogSource want = LogSource.of(p.string("category", false), p.string("product", false),
                        p.string("service", false));
                yield r -> r.logSourceCoveredBy(want);
            }
            case "contains_detection_item" -> {
                p.rejectUnknown(type + " condition", List.of("field", "value"), TYPE);
                String field = p.string("field", true);
                SigmaValue value = p.sigmaValue("value", true);
                yield r -> r.items().stream().anyMatch(i -> field.equals(i.field())
                        && i.values().stream().anyMatch(v -> sameValue(value, v)));
            }
            case "contains_field" -> {
                p.rejectUnknown(type + " condition", List.of("field"), TYPE);
                String field = p.string("field", true);
                yield r -> r.items().stream().anyMatch(i -> field.equals(i.field()));
            }
            case "processing_item_applied" -> {
                p.rejectUnknown(type + " condition", List.of("processing_item_id"), TYPE);
                String id = p.string("processing_item_id", true);
                yield r -> r.wasApplied(id);
            }
            case "processing_state" -> {
                Predicate<WorkingRule> s = state(p);
                yield s::test;
            }
            case "is_sigma_rule" -> {
                p.rejectUnknown(type + " condition", List.of(), TYPE);
                yield r -> !r.isCorrelation();
            }
            case "is_sigma_correlation_rule" -> {
                p.rejectUnknown(type + " condition", List.of(), TYPE);
                yield WorkingRule::isCorrelation;
            }
            case "rule_attribute" -> ruleAttribute(p);
            case "tag" -> {
                p.rejectUnknown(type + " condition", List.of("tag"), TYPE);
                String tag = p.string("tag", true);
                if (tag.indexOf('.') < 0) {
                    throw p.fail(p.node("tag"), "a tag is written namespace.name, e.g. attack.execution");
                }
                yield r -> r.meta().tags().contains(tag);
            }
            default -> throw p.fail(p.node("type"), "rule condition type '" + type + "' is unknown; known: "
                    + "logsource, contains_detection_item, contains_field, processing_item_applied, "
                    + "processing_state, is_sigma_rule, is_sigma_correlation_rule, rule_attribute, tag");
        };
    }

    /** pySigma's equality of a condition's value with a rule value: same type and same value, case-sensitive. */
    private static boolean sameValue(SigmaValue want, SigmaValue v) {
        if (want instanceof SigmaValue.Str a && v instanceof SigmaValue.Str b) {
            return a.string().equals(b.string());
        }
        return !(want instanceof SigmaValue.Str) && want.equals(v);
    }

    private static final List<String> STRING_ATTRIBUTES = List.of("id", "name", "title", "description", "author");
    private static final List<String> LIST_ATTRIBUTES = List.of("tags", "references", "falsepositives", "fields");
    private static final List<String> UNSUPPORTED_ATTRIBUTES = List.of("date", "modified", "logsource",
            "detection", "related", "taxonomy");

    /**
     * {@code rule_attribute}: compares a rule attribute with {@code value} by {@code op}. Strings compare with
     * {@code eq}/{@code ne}, lists test membership with {@code in}/{@code not_in}, {@code level} and {@code status}
     * are ordered (informational &lt; ... &lt; critical; unsupported &lt; deprecated &lt; experimental &lt; test
     * &lt; stable); any other name is a custom attribute (a top-level key the rule adds), compared as a number
     * when both sides are numbers. The dates are not kept by the engine, so {@code date} and {@code modified} are
     * rejected instead of never matching.
     */
    private static Conditions.RuleCondition ruleAttribute(Params p) {
        p.rejectUnknown("rule_attribute condition", List.of("attribute", "value", "op"), TYPE);
        String attribute = p.string("attribute", true);
        Object value = p.scalar("value", true);
        String op = p.choice("op", "eq", "eq", "ne", "gte", "gt", "lte", "lt", "in", "not_in");
        String text = value == null ? null : String.valueOf(value);
        if (UNSUPPORTED_ATTRIBUTES.contains(attribute)) {
            throw p.fail(p.node("attribute"), "rule_attribute '" + attribute + "' is not supported by the engine");
        }
        if (LIST_ATTRIBUTES.contains(attribute)) {
            Function<RuleMeta, List<String>> get = switch (attribute) {
                case "tags" -> RuleMeta::tags;
                case "references" -> RuleMeta::references;
                case "falsepositives" -> RuleMeta::falsePositives;
                default -> RuleMeta::fields;
            };
            return r -> switch (op) {
                case "in" -> get.apply(r.meta()).contains(text);
                case "not_in" -> !get.apply(r.meta()).contains(text);
                case "ne" -> true;
                default -> false;
            };
        }
        if (attribute.equals("level") || attribute.equals("status")) {
            boolean level = attribute.equals("level");
            int want = level ? Level.parse(String.valueOf(text)).map(Enum::ordinal).orElse(-1)
                    : Status.parse(String.valueOf(text)).map(ConditionFactory::statusRank).orElse(-1);
            if (want < 0 || op.equals("in") || op.equals("not_in")) {
                throw p.fail(p.node(want < 0 ? "value" : "op"), "rule_attribute '" + attribute + "' compares with "
                        + "a " + attribute + " name by eq, ne, gte, gt, lte or lt");
            }
            return r -> {
                RuleMeta m = r.meta();
                Integer have = level ? (m.level() == null ? null : m.level().ordinal())
                        : (m.status() == null ? null : statusRank(m.status()));
                return have != null && compare(op, Integer.compare(have, want));
            };
        }
        boolean builtIn = STRING_ATTRIBUTES.contains(attribute);
        if (builtIn && !op.equals("eq") && !op.equals("ne")) {
            throw p.fail(p.node("op"), "rule_attribute '" + attribute + "' is a string: use eq or ne");
        }
        return r -> {
            String have = attributeText(r.meta(), attribute);
            if (have == null || op.equals("in") || op.equals("not_in")) {
                return false;
            }
            SigmaNumber a = builtIn ? null : SigmaNumber.parseDecimal(have);
            SigmaNumber b = text == null ? null : SigmaNumber.parseDecimal(text);
            if (a != null && b != null) {
                return compare(op, a.compareTo(b));
            }
            return switch (op) {
                case "eq" -> have.equals(text);
                case "ne" -> !have.equals(text);
                default -> false;
            };
        };
    }

    private static String attributeText(RuleMeta m, String attribute) {
        return switch (attribute) {
            case "id" -> m.id();
            case "name" -> m.name();
            case "title" -> m.title();
            case "description" -> m.description();
            case "author" -> m.author();
            default -> m.custom().get(attribute);
        };
    }

    /** pySigma orders statuses from unsupported (lowest) to stable. */
    private static int statusRank(Status s) {
        return switch (s) {
            case UNSUPPORTED -> 0;
            case DEPRECATED -> 1;
            case EXPERIMENTAL -> 2;
            case TEST -> 3;
            case STABLE -> 4;
        };
    }

    private static boolean compare(String op, int cmp) {
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gte" -> cmp >= 0;
            case "gt" -> cmp > 0;
            case "lte" -> cmp <= 0;
            case "lt" -> cmp < 0;
            default -> false;
        };
    }

    /**
     * {@code processing_state}: compares the state value set by {@code set_state} under {@code key} with
     * {@code val}; a key never set matches nothing. Numbers compare by value, strings by text; an order operator
     * between a number and a string is false (pySigma would fail with a Python type error).
     */
    private static Predicate<WorkingRule> state(Params p) {
        p.rejectUnknown("processing_state condition", List.of("key", "val", "op"), TYPE);
        String key = p.string("key", true);
        Object val = p.scalar("val", true);
        String op = p.choice("op", "eq", "eq", "ne", "gte", "gt", "lte", "lt");
        return r -> {
            if (!r.state().containsKey(key)) {
                return false;
            }
            Object have = r.state().get(key);
            if (have instanceof Number a && val instanceof Number b && !(have instanceof Boolean)) {
                return compare(op, new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())));
            }
            if (have instanceof String a && val instanceof String b) {
                return compare(op, a.compareTo(b));
            }
            boolean equal = java.util.Objects.equals(have, val);
            return switch (op) {
                case "eq" -> equal;
                case "ne" -> !equal;
                default -> false;
            };
        };
    }

    // ------------------------------------------------------------------ detection item conditions

    static Conditions.ItemCondition item(Params p) {
        String type = p.string("type", true);
        return switch (type) {
            case "match_string" -> {
                p.rejectUnknown(type + " condition", List.of("pattern", "cond", "negate"), TYPE);
                Pattern re = regex(p, "pattern");
                boolean negate = p.bool("negate");
                yield values(p, v -> negate != (v instanceof SigmaValue.Str s
                        && PipelineRegex.matchesAtStart(re, s.string().toRuleText())));
            }
            case "match_value" -> {
                p.rejectUnknown(type + " condition", List.of("value", "cond"), TYPE);
                SigmaValue want = p.sigmaValue("value", true);
                yield values(p, v -> sameValue(want, v));
            }
            case "contains_wildcard" -> {
                p.rejectUnknown(type + " condition", List.of("cond"), TYPE);
                yield values(p, v -> v instanceof SigmaValue.Str s && s.string().hasWildcards());
            }
            case "is_null" -> {
                p.rejectUnknown(type + " condition", List.of("cond"), TYPE);
                yield values(p, v -> v == SigmaValue.Null.INSTANCE);
            }
            case "processing_item_applied" -> {
                p.rejectUnknown(type + " condition", List.of("processing_item_id"), TYPE);
                String id = p.string("processing_item_id", true);
                yield (r, i) -> r.wasAppliedTo(i, id);
            }
            case "processing_state" -> {
                Predicate<WorkingRule> s = state(p);
                yield (r, i) -> s.test(r);
            }
            default -> throw p.fail(p.node("type"), "detection item condition type '" + type + "' is unknown; "
                    + "known: match_string, match_value, contains_wildcard, is_null, processing_item_applied, "
                    + "processing_state");
        };
    }

    /** pySigma's {@code ValueProcessingCondition}: a per-value test, combined over the item by {@code cond}. */
    private static Conditions.ItemCondition values(Params p, Predicate<SigmaValue> test) {
        boolean all = p.choice("cond", "any", "any", "all").equals("all");
        return (r, i) -> all ? i.values().stream().allMatch(test) : i.values().stream().anyMatch(test);
    }

    // ------------------------------------------------------------------ field name conditions

    static Conditions.FieldCondition field(Params p) {
        String type = p.string("type", true);
        return switch (type) {
            case "include_fields", "exclude_fields" -> {
                p.rejectUnknown(type + " condition", List.of("fields", "mode"), TYPE);
                List<String> fields = p.strings("fields", true);
                boolean regex = p.choice("mode", "plain", "plain", "re").equals("re");
                List<Pattern> patterns = new ArrayList<>();
                if (regex) {
                    for (String f : fields) {
                        patterns.add(compile(p, "fields", f));
                    }
                }
                boolean include = type.equals("include_fields");
                Predicate<String> listed = f -> f != null && (regex
                        ? patterns.stream().anyMatch(re -> PipelineRegex.matchesAtStart(re, f)) : fields.contains(f));
                yield (r, f) -> include == listed.test(f);
            }
            case "processing_item_applied" -> {
                p.rejectUnknown(type + " condition", List.of("processing_item_id"), TYPE);
                String id = p.string("processing_item_id", true);
                yield new Conditions.FieldCondition() {
                    public boolean matchesField(WorkingRule r, String f) {
                        return r.fieldProcessedBy(f, id);
                    }

                    public boolean matchesItem(WorkingRule r, DetectionItem i) {
                        return r.wasAppliedTo(i, id);
                    }
                };
            }
            case "processing_state" -> {
                Predicate<WorkingRule> s = state(p);
                yield (r, f) -> s.test(r);
            }
            default -> throw p.fail(p.node("type"), "field name condition type '" + type + "' is unknown; known: "
                    + "include_fields, exclude_fields, processing_item_applied, processing_state");
        };
    }

    static Pattern regex(Params p, String key) {
        return compile(p, key, p.string(key, true));
    }

    private static Pattern compile(Params p, String key, String regex) {
        try {
            return PipelineRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw p.fail(p.node(key), e.getMessage());
        }
    }
}
