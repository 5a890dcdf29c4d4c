package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.condition.ConditionParser;
import io.sigmaengine.engine.condition.ConditionSyntaxException;
import io.sigmaengine.engine.yaml.YList;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;
import io.sigmaengine.engine.yaml.YamlReader;
import io.sigmaengine.engine.yaml.YamlStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads pySigma processing-pipeline YAML ({@code ProcessingPipeline.from_dict}): {@code name}, {@code priority},
 * {@code vars}, {@code allowed_backends} (informational) and {@code transformations}, each item with its
 * {@code id}, {@code type}, parameters and conditions ({@code rule_conditions}, {@code detection_item_conditions},
 * {@code field_name_conditions}, each a list or a mapping of named conditions with {@code _cond_op},
 * {@code _cond_not} and {@code _cond_expr}).
 *
 * <p>Nothing is silently ignored. Anything that would change what a rule matches but cannot be honoured is a
 * {@link ConfigurationException} naming the file, line and construct. What only concerns query-producing backends
 * is a warning diagnostic, because dropping it leaves detection semantics intact and pipelines written for a
 * backend commonly carry it: {@code postprocessing} and {@code finalizers} (they rewrite query text), and the
 * items {@code regex} (emulates case-insensitive matching, which the engine does natively),
 * {@code query_expression_placeholders} (inserts a query snippet; the placeholders it would have handled are then
 * left to other sources and reject the rule if none has values) and {@code set_custom_attribute} (backend
 * settings).
 *
 * <p>One item type is an engine extension: {@code field_unavailable} declares fields the target events lack, so
 * that a rule needing one is refused with the reason (see {@code Transformations.fieldUnavailable}).
 */
public final class PipelineLoader {

    private static final Set<String> ITEM_KEYS = Set.of("id", "type", "rule_conditions", "rule_cond_op",
            "rule_cond_not", "rule_cond_expr", "detection_item_conditions", "detection_item_cond_op",
            "detection_item_cond_not", "detection_item_cond_expr", "field_name_conditions", "field_name_cond_op",
            "field_name_cond_not", "field_name_cond_expr");

    /** Backend-only item types, ignored with a warning: why each is safe to drop. */
    private static final Map<String, String> QUERY_ONLY_ITEMS = Map.of(
            "regex", "it turns strings into regular expressions so that backends can match case-insensitively, "
                    + "which the engine does natively",
            "query_expression_placeholders", "it inserts query text for placeholders; the engine has no query, "
                    + "so those placeholders need values from value_placeholders or RuleSetBuilder.placeholder",
            "set_custom_attribute", "it sets attributes for backends");

    /** Item types the engine cannot honour: why. */
    private static final Map<String, String> UNSUPPORTED_ITEMS = Map.of(
            "field_name_transform", "it needs a Python function; use field_name_mapping",
            "case", "changing the case of values is not supported (string matching is case-insensitive anyway)",
            "extract_fields", "extracting fields from values is not supported",
            "file_placeholders", "placeholder values from files are not supported; use value_placeholders with vars",
            "http_placeholders", "placeholder values from URLs are not supported; use value_placeholders with vars",
            "command_placeholders", "placeholder values from commands are not supported; use value_placeholders "
                    + "with vars");

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
        Pipeline p = l.pipeline(new Params(source, root));
        l.warnings.sort(Comparator.comparingInt((Diagnostic d) -> d.location().line())
                .thenComparingInt(d -> d.location().column()));
        return new Loaded(p, List.copyOf(l.warnings));
    }

    private Pipeline pipeline(Params root) {
        for (YMap.Entry e : root.map().entries()) {
            switch (e.key()) {
                case "name", "priority", "vars", "transformations", "allowed_backends" -> {
                }
                case "postprocessing", "finalizers" -> warn(e, "pipeline-query-only", "'" + e.key() + "' works on "
                        + "the query strings of a pySigma backend; an evaluating engine has no query, so it is "
                        + "ignored");
                default -> throw root.fail(e, "unknown pipeline key '" + e.key() + "' (pySigma rejects it too)");
            }
        }
        String name = root.string("name", false);
        int priority = 0;
        if (root.has("priority")) {
            if (root.node("priority") instanceof YScalar p && p.type() == YScalar.Type.INT) {
                priority = ((Number) p.value()).intValue();
            } else {
                throw root.fail(root.node("priority"), "'priority' must be an integer");
            }
        }
        Map<String, List<String>> vars = root.has("vars") ? root.stringListMap("vars") : Map.of();
        List<ProcessingItem> items = new ArrayList<>();
        if (root.has("transformations")) {
            items = items(root.node("transformations"));
        }
        return new Pipeline(name != null ? name : source, priority, vars, items, source);
    }

    private List<ProcessingItem> items(YNode n) {
        if (!(n instanceof YList list)) {
            throw Params.fail(source, n, "a list of processing items is expected");
        }
        List<ProcessingItem> items = new ArrayList<>();
        for (YNode i : list.items()) {
            if (!(i instanceof YMap im)) {
                throw Params.fail(source, i, "each processing item must be a mapping with a 'type'");
            }
            ProcessingItem item = item(new Params(source, im));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** @return the item, or {@code null} for a query-only item that is ignored with a warning */
    private ProcessingItem item(Params p) {
        String type = p.string("type", true);
        if (QUERY_ONLY_ITEMS.containsKey(type)) {
            warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, "pipeline-query-only", "'" + type
                    + "' is ignored: " + QUERY_ONLY_ITEMS.get(type), at(p.node("type")), null));
            return null;
        }
        if (UNSUPPORTED_ITEMS.containsKey(type)) {
            throw p.fail(p.node("type"), "transformation '" + type + "' cannot be used: "
                    + UNSUPPORTED_ITEMS.get(type));
        }
        Conditions.RuleCondition rc = conditions(p, "rule_conditions", "rule_cond", ConditionFactory::rule,
                Conditions.RULE);
        Conditions.ItemCondition ic = conditions(p, "detection_item_conditions", "detection_item_cond",
                ConditionFactory::item, Conditions.ITEM);
        Conditions.FieldCondition fc = conditions(p, "field_name_conditions", "field_name_cond",
                ConditionFactory::field, Conditions.FIELD);
        TransformationFactory factory = new TransformationFactory(p, limits, this::items);
        Transformation t;
        try {
            t = factory.build(type);
        } catch (ConfigurationException e) {
            p.rejectUnknown("'" + type + "'", factory.params(), ITEM_KEYS); // a misspelt key explains it better
            throw e;
        }
        p.rejectUnknown("'" + type + "'", factory.params(), ITEM_KEYS);
        return new ProcessingItem(p.string("id", false), type, t, rc, ic, fc);
    }

    /**
     * One kind of an item's conditions: a list (ANDed, or ORed with {@code _op: or}) or a mapping of named
     * conditions, combined the same way or by the boolean expression {@code _expr} over their names (which must
     * use every name). {@code _not} negates the result.
     *
     * @return the combined condition, or {@code null} if the item has none of this kind
     */
    private <C> C conditions(Params p, String listKey, String prefix, Function<Params, C> parse,
                             Conditions.Logic<C> logic) {
        YNode n = p.node(listKey);
        String op = p.choice(prefix + "_op", null, "and", "or");
        String expr = p.string(prefix + "_expr", false);
        boolean negate = p.bool(prefix + "_not");
        if (n == null || n instanceof YList l && l.size() == 0 || n instanceof YMap m && m.size() == 0) {
            if (expr != null) {
                throw p.fail(p.node(prefix + "_expr"), "'" + prefix + "_expr' needs '" + listKey + "'");
            }
            return null; // pySigma: no conditions means the item always applies, even with _not
        }
        if (expr != null && op != null) {
            throw p.fail(p.node(prefix + "_expr"), "'" + prefix + "_expr' and '" + prefix + "_op' exclude each "
                    + "other");
        }
        Map<String, C> byName = new LinkedHashMap<>();
        if (n instanceof YList l) {
            if (expr != null) {
                throw p.fail(p.node(prefix + "_expr"), "'" + prefix + "_expr' needs '" + listKey + "' as a mapping "
                        + "of named conditions");
            }
            int i = 0;
            for (YNode c : l.items()) {
                byName.put(String.valueOf(++i), parse.apply(condition(c)));
            }
        } else if (n instanceof YMap named) {
            for (YMap.Entry e : named.entries()) {
                byName.put(e.key(), parse.apply(condition(e.value())));
            }
        } else {
            throw p.fail(n, "'" + listKey + "' must be a list or a mapping of named conditions");
        }
        C result;
        if (expr != null) {
            result = expression(expr, byName, logic, p.node(prefix + "_expr"));
        } else {
            boolean or = "or".equals(op);
            result = null;
            for (C c : byName.values()) {
                result = result == null ? c : or ? logic.or(result, c) : logic.and(result, c);
            }
        }
        return negate ? logic.not(result) : result;
    }

    private Params condition(YNode c) {
        if (!(c instanceof YMap cm)) {
            throw Params.fail(source, c, "each condition must be a mapping with a 'type'");
        }
        return new Params(source, cm);
    }

    private <C> C expression(String expr, Map<String, C> byName, Conditions.Logic<C> logic, YNode at) {
        ConditionExpr e;
        try {
            e = ConditionParser.parseCorrelationCondition(expr, limits).expr();
        } catch (ConditionSyntaxException ex) {
            throw Params.fail(source, at, "invalid condition expression '" + expr + "': " + ex.getMessage());
        }
        Set<String> used = new HashSet<>();
        C c = build(e, byName, logic, used, at);
        if (!used.containsAll(byName.keySet())) {
            Set<String> unused = new HashSet<>(byName.keySet());
            unused.removeAll(used);
            throw Params.fail(source, at, "conditions " + unused + " are defined but not used in '" + expr + "'");
        }
        return c;
    }

    private <C> C build(ConditionExpr e, Map<String, C> byName, Conditions.Logic<C> logic, Set<String> used,
                        YNode at) {
        if (e instanceof ConditionExpr.Identifier id) {
            C c = byName.get(id.name());
            if (c == null) {
                throw Params.fail(source, at, "condition expression refers to undefined condition '" + id.name()
                        + "'");
            }
            used.add(id.name());
            return c;
        }
        if (e instanceof ConditionExpr.Not n) {
            return logic.not(build(n.operand(), byName, logic, used, at));
        }
        if (e instanceof ConditionExpr.Selector) {
            throw Params.fail(source, at, "'of' selectors are not allowed in a condition expression");
        }
        boolean and = e instanceof ConditionExpr.And;
        List<ConditionExpr> ops = and ? ((ConditionExpr.And) e).operands() : ((ConditionExpr.Or) e).operands();
        C acc = null;
        for (ConditionExpr o : ops) {
            C c = build(o, byName, logic, used, at);
            acc = acc == null ? c : and ? logic.and(acc, c) : logic.or(acc, c);
        }
        return acc;
    }

    private SourceLocation at(YNode n) {
        return new SourceLocation(source, n.line(), n.column());
    }

    private void warn(YMap.Entry e, String code, String message) {
        warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, code, message,
                new SourceLocation(source, e.keyLine(), e.keyColumn()), null));
    }
}
