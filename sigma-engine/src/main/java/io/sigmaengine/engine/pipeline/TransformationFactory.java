package io.sigmaengine.engine.pipeline;

import com.google.re2j.Pattern;
import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.load.DetectionParser;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the transformation of one processing item from its parameters (pySigma's {@code transformations}
 * mapping), checking each parameter when the pipeline loads so that a rule never meets a broken transformation.
 */
final class TransformationFactory {

    /** Keys that pySigma reads as a null field name: a mapping from them maps keyword (field-less) items. */
    private static final Set<String> NULL_KEYS = Set.of("null", "Null", "NULL", "~");

    private final Params p;
    private final Limits limits;
    private final Function<YNode, List<ProcessingItem>> nestedItems;
    private final List<String> params = new ArrayList<>();

    TransformationFactory(Params p, Limits limits, Function<YNode, List<ProcessingItem>> nestedItems) {
        this.p = p;
        this.limits = limits;
        this.nestedItems = nestedItems;
    }

    /** The parameters the built transformation reads; every other key (but the item keys) is an error. */
    List<String> params() {
        return params;
    }

    Transformation build(String type) {
        return switch (type) {
            case "field_name_mapping" -> FieldNameMapping.of(fieldMapping(true));
            case "field_name_prefix_mapping" -> FieldNameMapping.prefixMapping(fieldMapping(false));
            case "field_name_prefix" -> FieldNameMapping.prefix(string("prefix", true));
            case "field_name_suffix" -> FieldNameMapping.suffix(string("suffix", true));
            case "add_field", "remove_field", "set_field" -> fieldsList(type);
            case "drop_detection_item" -> Transformations.dropDetectionItem();
            case "add_condition" -> addCondition();
            case "change_logsource" -> Transformations.changeLogsource(string("category", false),
                    string("product", false), string("service", false));
            case "value_placeholders" -> ValueTransformation.valuePlaceholders(names("include"), names("exclude"),
                    limits);
            case "wildcard_placeholders" -> ValueTransformation.wildcardPlaceholders(names("include"),
                    names("exclude"));
            case "convert_type" -> ValueTransformation.convertType(choice("target_type", null, "str", "num")
                    .equals("str"));
            case "set_value" -> ValueTransformation.setValue(setValue());
            case "replace_string" -> replaceString();
            case "map_string" -> ValueTransformation.mapString(mapping("mapping"));
            case "hashes_fields" -> hashesFields();
            case "rule_failure" -> Transformations.ruleFailure(string("message", true));
            case "detection_item_failure" -> Transformations.detectionItemFailure(string("message", true));
            case "strict_field_mapping_failure" -> Transformations.strictFieldMappingFailure();
            case "field_unavailable" -> Transformations.fieldUnavailable(string("message", true));
            case "set_state" -> {
                String key = string("key", true);
                params.add("val");
                yield Transformations.setState(key, p.scalar("val", true));
            }
            case "nest" -> {
                params.add("items");
                if (!p.has("items")) {
                    throw p.fail(p.map(), "'nest' needs 'items': a list of processing items");
                }
                yield Transformations.nest(nestedItems.apply(p.node("items")));
            }
            default -> throw p.fail(p.node("type"), "transformation type '" + type + "' is unknown");
        };
    }

    private String string(String key, boolean required) {
        params.add(key);
        return p.string(key, required);
    }

    private String choice(String key, String fallback, String... allowed) {
        params.add(key);
        String v = p.choice(key, fallback, allowed);
        if (v == null) {
            throw p.fail(p.map(), "missing '" + key + "' (one of " + List.of(allowed) + ")");
        }
        return v;
    }

    private boolean bool(String key) {
        params.add(key);
        return p.bool(key);
    }

    private Map<String, List<String>> mapping(String key) {
        params.add(key);
        Map<String, List<String>> m = p.stringListMap(key);
        m.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw p.fail(((YMap) p.node(key)).get(k), "'" + k + "' is mapped to nothing");
            }
        });
        return m;
    }

    /** A field-name mapping; with {@code allowNull}, a {@code null} key maps keyword items. */
    private Map<String, List<String>> fieldMapping(boolean allowNull) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        mapping("mapping").forEach((k, v) -> {
            if (NULL_KEYS.contains(k)) {
                if (!allowNull) {
                    throw p.fail(p.node("mapping"), "null is not a valid prefix");
                }
                m.put(null, v);
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    /** {@code include} or {@code exclude} of the placeholder transformations; {@code null} if absent. */
    private Set<String> names(String key) {
        params.addAll(List.of("include", "exclude"));
        if (p.has("include") && p.has("exclude")) {
            throw p.fail(p.node("exclude"), "'include' and 'exclude' exclude each other");
        }
        List<String> l = p.strings(key, false);
        return l == null ? null : new HashSet<>(l);
    }

    private Transformation addCondition() {
        params.addAll(List.of("conditions", "template", "negated", "name"));
        YNode c = p.node("conditions");
        if (!(c instanceof YMap cm) || cm.size() == 0) {
            throw p.fail(c == null ? p.map() : c, "'add_condition' needs 'conditions': a mapping of fields to "
                    + "values");
        }
        Diagnostics d = new Diagnostics();
        DetectionNode body = new DetectionParser(p.source(), limits, d, null).node("conditions", cm, 0);
        if (d.hasErrors() || body == null) {
            throw p.fail(c, "invalid 'conditions': " + d.all().get(0).message());
        }
        boolean template = p.bool("template");
        return Transformations.addCondition(ls -> template ? Transformations.template(body, ls) : body,
                p.bool("negated"), p.string("name", false));
    }

    /** {@code set_value}'s value, typed as written or forced to a string or number by {@code force_type}. */
    private SigmaValue setValue() {
        params.addAll(List.of("value", "force_type"));
        String force = p.choice("force_type", null, "str", "num");
        Object raw = p.scalar("value", true);
        if (force == null) {
            return p.sigmaValue("value", true);
        }
        if (raw == null || raw instanceof Boolean) {
            throw p.fail(p.node("value"), "'force_type' applies to string and number values only");
        }
        String text = String.valueOf(raw);
        if (force.equals("str")) {
            return new SigmaValue.Str(SigmaString.parse(text), false);
        }
        SigmaNumber n = SigmaNumber.parseDecimal(text);
        if (n == null) {
            throw p.fail(p.node("value"), "'" + text + "' is not a number");
        }
        return new SigmaValue.Num(n);
    }

    private Transformation replaceString() {
        params.addAll(List.of("regex", "replacement", "skip_special", "interpret_special"));
        Pattern regex = ConditionFactory.regex(p, "regex");
        String template = p.string("replacement", true);
        PipelineRegex.Replacement replacement;
        try {
            replacement = PipelineRegex.Replacement.parse(template, regex);
        } catch (IllegalArgumentException e) {
            throw p.fail(p.node("replacement"), e.getMessage());
        }
        return ValueTransformation.replaceString(regex, replacement, p.bool("skip_special"),
                p.bool("interpret_special"));
    }

    private Transformation hashesFields() {
        params.addAll(List.of("valid_hash_algos", "field_prefix", "drop_algo_prefix", "field_to_parse"));
        Set<String> algos = new HashSet<>();
        for (String a : p.strings("valid_hash_algos", true)) {
            algos.add(a.toUpperCase(java.util.Locale.ROOT));
        }
        String field = p.string("field_to_parse", false);
        String prefix = p.string("field_prefix", false);
        return Transformations.hashesFields(field != null ? field : "Hashes", algos, prefix != null ? prefix : "",
                p.bool("drop_algo_prefix"));
    }

    /** {@code add_field}, {@code remove_field}, {@code set_field}: the rule's {@code fields} list. */
    private Transformation fieldsList(String type) {
        String key = type.equals("set_field") ? "fields" : "field";
        params.add(key);
        return Transformations.fieldsList(type, p.strings(key, true));
    }
}
