package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.condition.ConditionParser;
import io.sigmaengine.engine.condition.ConditionSyntaxException;
import io.sigmaengine.engine.load.DetectionParser;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.yaml.YList;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;
import io.sigmaengine.engine.yaml.YamlReader;
import io.sigmaengine.engine.yaml.YamlStream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads pySigma processing-pipeline YAML. Anything the engine cannot honour is a {@link ConfigurationException}
 * naming the file, line and construct, never silently ignored; query-only parts ({@code postprocessing},
 * {@code finalizers}) are reported as warnings because an evaluating engine has no query to post-process.
 */
public final class PipelineLoader {

    private static final Set<String> ITEM_KEYS = Set.of("id", "type", "rule_conditions", "rule_cond_op",
            "rule_cond_not", "rule_cond_expr", "detection_item_conditions", "detection_item_cond_op",
            "detection_item_cond_not", "detection_item_cond_expr", "field_name_conditions", "field_name_cond_op",
            "field_name_cond_not", "field_name_cond_expr");

    private final String source;
    private final Limits limits;
    private final List<Diagnostic> warnings = new ArrayList<>();

    private PipelineLoader(String source, Limits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** A loaded pipeline and the warnings reading it produced. */
    public record Loaded(Pipeline pipeline, List<Diagnostic> warnings) {
    }

    /**
     * Parses pipeline YAML.
     *
     * @throws ConfigurationException for invalid or unsupported content
     */
    public static Loaded load(String source, String yaml, Limits limits) {
        YamlStream ys = YamlReader.read(source, yaml, limits);
        if (ys.error() != null) {
            throw new ConfigurationException(source + ":" + ys.error().line() + ":" + ys.error().column()
                    + ": invalid pipeline YAML: " + ys.error().getMessage());
        }
        if (ys.documents().size() != 1 || !(ys.documents().get(0).root() instanceof YMap root)) {
            throw new ConfigurationException(source + ": a pipeline file must hold one YAML mapping");
        }
        PipelineLoader l = new PipelineLoader(source, limits);
        return new Loaded(l.pipeline(root), List.copyOf(l.warnings));
    }

    private Pipeline pipeline(YMap root) {
        String name = root.get("name") instanceof YScalar s && !s.isNull() ? s.text() : source;
        int priority = 0;
        if (root.get("priority") != null) {
            if (root.get("priority") instanceof YScalar p && p.type() == YScalar.Type.INT) {
                priority = ((Number) p.value()).intValue();
            } else {
                throw fail(root.get("priority"), "'priority' must be an integer");
            }
        }
        Map<String, List<String>> vars = new LinkedHashMap<>();
        if (root.get("vars") instanceof YMap vm) {
            for (YMap.Entry e : vm.entries()) {
                vars.put(e.key(), strings(e.value(), "vars." + e.key()));
            }
        } else if (root.get("vars") != null) {
            throw fail(root.get("vars"), "'vars' must be a mapping of names to values");
        }
        List<ProcessingItem> items = new ArrayList<>();
        YNode tn = root.get("transformations");
        if (tn instanceof YList tl) {
            for (YNode n : tl.items()) {
                if (!(n instanceof YMap im)) {
                    throw fail(n, "each transformation must be a mapping with a 'type'");
                }
                items.add(item(im));
            }
        } else if (tn != null) {
            throw fail(tn, "'transformations' must be a list");
        }
        for (String key : root.keys()) {
            switch (key) {
                case "name", "priority", "vars", "transformations", "allowed_backends" -> {
                }
                case "postprocessing", "finalizers" -> warnings.add(new Diagnostic(Diagnostic.Severity.WARNING,
                        "pipeline-query-only", "'" + key + "' works on query strings produced by a pySigma backend; "
                        + "an evaluating engine has no query, so it is ignored", loc(root.entry(key)), null));
                default -> warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, "pipeline-unknown-key",
                        "unknown pipeline key '" + key + "' is ignored", loc(root.entry(key)), null));
            }
        }
        return new Pipeline(name, priority, vars, items, source);
    }

    private ProcessingItem item(YMap m) {
        String type = str(m, "type", true);
        String id = str(m, "id", false);
        Conditions.RuleCondition rc = combine(m, "rule_conditions", "rule_cond", this::ruleCondition,
                (a, b, and) -> and ? r -> a.test(r) && b.test(r) : r -> a.test(r) || b.test(r),
                a -> r -> !a.test(r));
        Conditions.ItemCondition ic = combine(m, "detection_item_conditions", "detection_item_cond",
                this::itemCondition,
                (a, b, and) -> and ? (r, i) -> a.test(r, i) && b.test(r, i) : (r, i) -> a.test(r, i) || b.test(r, i),
                a -> (r, i) -> !a.test(r, i));
        Conditions.FieldCondition fc = combine(m, "field_name_conditions", "field_name_cond", this::fieldCondition,
                (a, b, and) -> and ? (r, f, i) -> a.test(r, f, i) && b.test(r, f, i)
                        : (r, f, i) -> a.test(r, f, i) || b.test(r, f, i),
                a -> (r, f, i) -> !a.test(r, f, i));
        Transformation t = transformation(type, m);
        return new ProcessingItem(id, type, t, rc, ic, fc);
    }

    private Transformation transformation(String type, YMap m) {
        Set<String> params = new HashSet<>();
        Transformation t = switch (type) {
            case "add_condition" -> {
                params.addAll(List.of("conditions", "template", "negated"));
                YNode c = m.get("conditions");
                if (!(c instanceof YMap cm)) {
                    throw fail(c == null ? m : c, "'add_condition' needs 'conditions': a mapping of fields to values");
                }
                boolean template = bool(m, "template");
                Diagnostics d = new Diagnostics();
                DetectionNode body = new DetectionParser(source, limits, d, null).node("conditions", cm, 0);
                if (d.hasErrors() || body == null) {
                    throw fail(c, "invalid 'conditions': " + d.all().get(0).message());
                }
                yield Transformations.addCondition(ls -> template ? applyTemplate(body, ls) : body,
                        bool(m, "negated"));
            }
            case "change_logsource" -> {
                params.addAll(List.of("category", "product", "service"));
                yield Transformations.changeLogsource(str(m, "category", false), str(m, "product", false),
                        str(m, "service", false));
            }
            case "field_name_mapping" -> {
                params.add("mapping");
                YNode mn = m.get("mapping");
                if (!(mn instanceof YMap mm)) {
                    throw fail(mn == null ? m : mn, "'field_name_mapping' needs 'mapping': field to field(s)");
                }
                Map<String, List<String>> mapping = new LinkedHashMap<>();
                for (YMap.Entry e : mm.entries()) {
                    mapping.put(e.key(), strings(e.value(), "mapping." + e.key()));
                }
                yield Transformations.fieldNameMapping(mapping);
            }
            case "value_placeholders" -> {
                params.addAll(List.of("include", "exclude"));
                yield Transformations.valuePlaceholders(stringSet(m.get("include")), stringSet(m.get("exclude")),
                        limits);
            }
            case "wildcard_placeholders" -> {
                params.addAll(List.of("include", "exclude"));
                yield Transformations.wildcardPlaceholders(stringSet(m.get("include")), stringSet(m.get("exclude")));
            }
            case "drop_detection_item" -> Transformations.dropDetectionItem();
            case "rule_failure" -> {
                params.add("message");
                yield Transformations.ruleFailure(str(m, "message", true));
            }
            case "detection_item_failure" -> {
                params.add("message");
                yield Transformations.detectionItemFailure(str(m, "message", true));
            }
            default -> throw fail(m.get("type"), "transformation type '" + type + "' is not supported");
        };
        for (YMap.Entry e : m.entries()) {
            if (!ITEM_KEYS.contains(e.key()) && !params.contains(e.key())) {
                throw fail(e, "'" + type + "' has no parameter '" + e.key() + "'");
            }
        }
        return t;
    }

    private static DetectionNode applyTemplate(DetectionNode n, LogSource ls) {
        if (n instanceof DetectionNode.Item it) {
            DetectionItem di = it.item();
            List<SigmaValue> vs = new ArrayList<>();
            for (SigmaValue v : di.values()) {
                vs.add(Transformations.template(v, ls));
            }
            return new DetectionNode.Item(di.withValues(vs));
        }
        List<DetectionNode> out = new ArrayList<>();
        if (n instanceof DetectionNode.AllOf a) {
            a.children().forEach(c -> out.add(applyTemplate(c, ls)));
            return new DetectionNode.AllOf(out);
        }
        ((DetectionNode.AnyOf) n).children().forEach(c -> out.add(applyTemplate(c, ls)));
        return new DetectionNode.AnyOf(out);
    }

    // ------------------------------------------------------------------ conditions

    private Conditions.RuleCondition ruleCondition(YMap c) {
        String type = str(c, "type", true);
        return switch (type) {
            case "logsource" -> {
                LogSource want = LogSource.of(str(c, "category", false), str(c, "product", false),
                        str(c, "service", false));
                yield r -> want.covers(r.rule().logsource());
            }
            case "processing_item_applied" -> {
                String id = str(c, "processing_item_id", true);
                yield r -> r.wasApplied(id);
            }
            case "is_sigma_rule" -> r -> true;
            case "is_sigma_correlation_rule" -> r -> false;
            default -> throw fail(c.get("type"), "rule condition type '" + type + "' is not supported");
        };
    }

    private Conditions.ItemCondition itemCondition(YMap c) {
        String type = str(c, "type", true);
        return switch (type) {
            case "processing_item_applied" -> {
                String id = str(c, "processing_item_id", true);
                yield (r, i) -> r.wasAppliedTo(i, id);
            }
            default -> throw fail(c.get("type"), "detection item condition type '" + type + "' is not supported");
        };
    }

    private Conditions.FieldCondition fieldCondition(YMap c) {
        String type = str(c, "type", true);
        return switch (type) {
            case "include_fields", "exclude_fields" -> {
                List<String> fields = strings(c.get("fields"), "fields");
                String mode = str(c, "mode", false);
                boolean regex = "re".equals(mode);
                if (mode != null && !regex && !"plain".equals(mode)) {
                    throw fail(c.get("mode"), "'mode' must be plain or re");
                }
                List<Pattern> patterns = new ArrayList<>();
                if (regex) {
                    for (String f : fields) {
                        patterns.add(Pattern.compile(f));
                    }
                }
                boolean include = type.equals("include_fields");
                yield (r, f, i) -> {
                    boolean hit = regex ? patterns.stream().anyMatch(p -> f != null && p.matcher(f).lookingAt())
                            : fields.contains(f);
                    return include == hit;
                };
            }
            case "processing_item_applied" -> {
                String id = str(c, "processing_item_id", true);
                yield (r, f, i) -> i != null && r.wasAppliedTo(i, id);
            }
            default -> throw fail(c.get("type"), "field name condition type '" + type + "' is not supported");
        };
    }

    /** Combines of an item's conditions of one kind: a list (AND, or {@code _op: or}) or named with {@code _expr}. */
    private <C> C combine(YMap m, String listKey, String prefix, java.util.function.Function<YMap, C> parse,
                          Combiner<C> and, java.util.function.UnaryOperator<C> not) {
        YNode n = m.get(listKey);
        if (n == null) {
            return null;
        }
        String op = str(m, prefix + "_op", false);
        String expr = str(m, prefix + "_expr", false);
        boolean negate = bool(m, prefix + "_not");
        C result;
        if (n instanceof YList l) {
            if (expr != null) {
                throw fail(m.get(prefix + "_expr"), "'" + prefix + "_expr' needs '" + listKey + "' as a mapping of "
                        + "named conditions");
            }
            boolean isAnd = op == null || op.equals("and");
            if (!isAnd && !op.equals("or")) {
                throw fail(m.get(prefix + "_op"), "'" + prefix + "_op' must be and or or");
            }
            result = null;
            for (YNode c : l.items()) {
                if (!(c instanceof YMap cm)) {
                    throw fail(c, "each condition must be a mapping with a 'type'");
                }
                C parsed = parse.apply(cm);
                result = result == null ? parsed : and.combine(result, parsed, isAnd);
            }
            if (result == null) {
                return null;
            }
        } else if (n instanceof YMap named) {
            Map<String, C> byName = new LinkedHashMap<>();
            for (YMap.Entry e : named.entries()) {
                if (!(e.value() instanceof YMap cm)) {
                    throw fail(e.value(), "condition '" + e.key() + "' must be a mapping with a 'type'");
                }
                byName.put(e.key(), parse.apply(cm));
            }
            if (expr == null) {
                boolean isAnd = op == null || op.equals("and");
                result = null;
                for (C c : byName.values()) {
                    result = result == null ? c : and.combine(result, c, isAnd);
                }
            } else {
                result = expression(expr, byName, and, not, m.get(prefix + "_expr"));
            }
        } else {
            throw fail(n, "'" + listKey + "' must be a list or a mapping of named conditions");
        }
        return negate && result != null ? not.apply(result) : result;
    }

    private <C> C expression(String expr, Map<String, C> byName, Combiner<C> and,
                             java.util.function.UnaryOperator<C> not, YNode at) {
        ConditionExpr e;
        try {
            e = ConditionParser.parseCorrelationCondition(expr, limits).expr();
        } catch (ConditionSyntaxException ex) {
            throw fail(at, "invalid condition expression '" + expr + "': " + ex.getMessage());
        }
        Set<String> used = new HashSet<>();
        C c = build(e, byName, and, not, used, at);
        if (!used.containsAll(byName.keySet())) {
            Set<String> unused = new HashSet<>(byName.keySet());
            unused.removeAll(used);
            throw fail(at, "conditions " + unused + " are defined but not used in '" + expr + "'");
        }
        return c;
    }

    private <C> C build(ConditionExpr e, Map<String, C> byName, Combiner<C> and,
                        java.util.function.UnaryOperator<C> not, Set<String> used, YNode at) {
        if (e instanceof ConditionExpr.Identifier id) {
            C c = byName.get(id.name());
            if (c == null) {
                throw fail(at, "condition expression refers to undefined condition '" + id.name() + "'");
            }
            used.add(id.name());
            return c;
        }
        if (e instanceof ConditionExpr.Not n) {
            return not.apply(build(n.operand(), byName, and, not, used, at));
        }
        boolean isAnd = e instanceof ConditionExpr.And;
        List<ConditionExpr> ops = isAnd ? ((ConditionExpr.And) e).operands() : ((ConditionExpr.Or) e).operands();
        C acc = null;
        for (ConditionExpr o : ops) {
            C c = build(o, byName, and, not, used, at);
            acc = acc == null ? c : and.combine(acc, c, isAnd);
        }
        return acc;
    }

    @FunctionalInterface
    private interface Combiner<C> {
        C combine(C a, C b, boolean and);
    }

    // ------------------------------------------------------------------ helpers

    private String str(YMap m, String key, boolean required) {
        YNode n = m.get(key);
        if (n == null || (n instanceof YScalar s0 && s0.isNull())) {
            if (required) {
                throw fail(m, "missing '" + key + "'");
            }
            return null;
        }
        if (n instanceof YScalar s) {
            return s.text();
        }
        throw fail(n, "'" + key + "' must be a scalar");
    }

    private boolean bool(YMap m, String key) {
        YNode n = m.get(key);
        if (n == null) {
            return false;
        }
        if (n instanceof YScalar s && s.type() == YScalar.Type.BOOL) {
            return (Boolean) s.value();
        }
        throw fail(n, "'" + key + "' must be true or false");
    }

    private List<String> strings(YNode n, String what) {
        List<String> out = new ArrayList<>();
        if (n instanceof YScalar s && !s.isNull()) {
            out.add(s.text());
        } else if (n instanceof YList l) {
            for (YNode x : l.items()) {
                if (!(x instanceof YScalar s) || s.isNull()) {
                    throw fail(x, "'" + what + "' must hold strings");
                }
                out.add(s.text());
            }
        } else {
            throw fail(n, "'" + what + "' must be a string or a list of strings");
        }
        return out;
    }

    private Set<String> stringSet(YNode n) {
        return n == null ? Set.of() : new HashSet<>(strings(n, "list"));
    }

    private SourceLocation loc(YMap.Entry e) {
        return new SourceLocation(source, e.keyLine(), e.keyColumn());
    }

    private ConfigurationException fail(YMap.Entry e, String message) {
        return new ConfigurationException(loc(e) + ": " + message);
    }

    private ConfigurationException fail(YNode n, String message) {
        String where = n == null ? source : new SourceLocation(source, n.line(), n.column()).toString();
        return new ConfigurationException(where + ": " + message);
    }
}
