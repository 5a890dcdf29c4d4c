package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field-name transformations ({@code field_name_mapping}, {@code field_name_prefix_mapping},
 * {@code field_name_prefix}, {@code field_name_suffix}), which differ only in how they map one name. Like pySigma's
 * {@code FieldMappingTransformationBase}, a mapping renames:
 * <ul>
 *   <li>the field of each selected detection item; a name mapped to several names becomes an OR of one item per
 *       name; a keyword item mapped to a field (a mapping from {@code null}) gets {@code *} around its string
 *       values so that it still matches substrings;</li>
 *   <li>the fields named by {@code fieldref} values (several names give several values, ORed);</li>
 *   <li>the rule's {@code fields} list;</li>
 *   <li>for a correlation rule: {@code group-by} (except alias names), the alias mappings and
 *       {@code condition.field}; a name mapped to several names is an error in the last two, which hold one field.</li>
 * </ul>
 */
final class FieldNameMapping implements Transformation {

    /** Maps one field name. */
    @FunctionalInterface
    interface Mapper {
        /**
         * @param field a field name, or {@code null} for a keyword item
         * @return the new names, or {@code null} if this transformation does not rename the field
         */
        List<String> map(String field);
    }

    private final Mapper mapper;

    FieldNameMapping(Mapper mapper) {
        this.mapper = mapper;
    }

    /** {@code field_name_mapping}: names to names; the {@code null} key maps keyword items. */
    static FieldNameMapping of(Map<String, List<String>> mapping) {
        Map<String, List<String>> m = new LinkedHashMap<>(mapping);
        return new FieldNameMapping(m::get);
    }

    /** {@code field_name_prefix_mapping}: the first prefix (in document order) that a name starts with is replaced. */
    static FieldNameMapping prefixMapping(Map<String, List<String>> prefixes) {
        Map<String, List<String>> m = new LinkedHashMap<>(prefixes);
        return new FieldNameMapping(field -> {
            if (field == null) {
                return null;
            }
            for (Map.Entry<String, List<String>> e : m.entrySet()) {
                if (field.startsWith(e.getKey())) {
                    String rest = field.substring(e.getKey().length());
                    return e.getValue().stream().map(p -> p + rest).toList();
                }
            }
            return null;
        });
    }

    /** {@code field_name_prefix}; keyword items are left alone. */
    static FieldNameMapping prefix(String prefix) {
        return new FieldNameMapping(field -> field == null ? null : List.of(prefix + field));
    }

    /** {@code field_name_suffix}; keyword items are left alone. */
    static FieldNameMapping suffix(String suffix) {
        return new FieldNameMapping(field -> field == null ? null : List.of(field + suffix));
    }

    @Override
    public void apply(ProcessingItem item, WorkingRule rule, Map<String, List<String>> vars)
            throws PipelineException {
        if (rule.isCorrelation()) {
            applyToCorrelation(item, rule);
            return;
        }
        RuleMeta meta = rule.rule().meta();
        List<String> fields = mapAll(item, rule, meta.fields());
        if (!fields.equals(meta.fields())) {
            rule.setRule(rule.rule().withMeta(meta.withFields(fields)));
        }
        rule.rewriteItems(item, di -> mapItem(item, rule, di));
    }

    private DetectionNode mapItem(ProcessingItem item, WorkingRule rule, DetectionItem di) {
        List<SigmaValue> values = mapFieldRefs(item, rule, di.values());
        String field = di.field();
        List<String> targets = mapper.map(field);
        if (targets == null || !item.matchesField(rule, field)) {
            return values == di.values() ? null : new DetectionNode.Item(di.withValues(values));
        }
        rule.recordMapping(field, targets);
        if (field == null) {
            values = values.stream().map(FieldNameMapping::asSubstring).toList();
        }
        DetectionItem base = values == di.values() ? di : di.withValues(values);
        if (targets.size() == 1) {
            return new DetectionNode.Item(base.withField(targets.get(0)));
        }
        List<DetectionNode> alternatives = new ArrayList<>();
        for (String t : targets) {
            alternatives.add(new DetectionNode.Item(base.withField(t)));
        }
        return new DetectionNode.AnyOf(alternatives);
    }

    /** Keyword values match substrings; as a field value the same text needs explicit wildcards. */
    private static SigmaValue asSubstring(SigmaValue v) {
        if (v instanceof SigmaValue.Str s) {
            return s.withString(s.string().prependAnyString().appendAnyString());
        }
        return v;
    }

    private List<SigmaValue> mapFieldRefs(ProcessingItem item, WorkingRule rule, List<SigmaValue> values) {
        List<SigmaValue> out = null;
        for (int i = 0; i < values.size(); i++) {
            SigmaValue v = values.get(i);
            List<String> targets = v instanceof SigmaValue.FieldRef f && item.matchesField(rule, f.field())
                    ? mapper.map(f.field()) : null;
            if (targets == null) {
                if (out != null) {
                    out.add(v);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(values.subList(0, i));
            }
            SigmaValue.FieldRef ref = (SigmaValue.FieldRef) v;
            rule.trackField(ref.field(), targets, item.id());
            for (String t : targets) {
                out.add(new SigmaValue.FieldRef(t, ref.anyPrefix(), ref.anySuffix()));
            }
        }
        return out == null ? values : out;
    }

    /** pySigma's {@code _apply_field_name}: the new names if the field conditions allow, else the name itself. */
    private List<String> mapName(ProcessingItem item, WorkingRule rule, String field) {
        List<String> targets = mapper.map(field);
        if (targets == null || !item.matchesField(rule, field)) {
            return List.of(field);
        }
        rule.trackField(field, targets, item.id());
        return targets;
    }

    private List<String> mapAll(ProcessingItem item, WorkingRule rule, List<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            out.addAll(mapName(item, rule, f));
        }
        return out;
    }

    private String mapOne(ProcessingItem item, WorkingRule rule, String field, String where)
            throws PipelineException {
        List<String> targets = mapName(item, rule, field);
        if (targets.size() != 1) {
            throw new PipelineException("pipeline-correlation-mapping", "field '" + field + "' in " + where
                    + " is mapped to several fields " + targets + ", but it can only name one");
        }
        return targets.get(0);
    }

    private void applyToCorrelation(ProcessingItem item, WorkingRule rule) throws PipelineException {
        SigmaCorrelation c = rule.correlation();
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> a : c.aliases().entrySet()) {
            Map<String, String> byRule = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : a.getValue().entrySet()) {
                byRule.put(e.getKey(), mapOne(item, rule, e.getValue(), "alias '" + a.getKey() + "'"));
            }
            aliases.put(a.getKey(), byRule);
        }
        List<String> groupBy = new ArrayList<>();
        for (String g : c.groupBy()) {
            groupBy.addAll(aliases.containsKey(g) ? List.of(g) : mapName(item, rule, g));
        }
        List<String> valueFields = new ArrayList<>();
        for (String f : c.valueFields()) {
            valueFields.add(mapOne(item, rule, f, "condition.field"));
        }
        RuleMeta meta = c.meta().withFields(mapAll(item, rule, c.meta().fields()));
        rule.setCorrelation(c.withFields(meta, groupBy, valueFields, aliases));
    }
}
