package io.sigmaengine.engine.eval;

import io.sigmaengine.engine.match.Scalars;
import io.sigmaengine.engine.match.ValueTest;

import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.Match;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.resolve.ResolvedRule;
import io.sigmaengine.engine.resolve.RuleExpr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference evaluator: walks each rule's condition and detections directly, with no indexing, sharing or
 * reordering. It is the executable definition of the engine's semantics; the optimized engine must always agree
 * with it.
 */
public final class ReferenceEvaluator implements RuleMatcher {

    /** A prepared rule: its resolved form plus a prepared test per detection-item value. */
    public static final class PreparedRule {
        final ResolvedRule rule;
        final Map<DetectionItem, ValueTest[]> tests;

        PreparedRule(ResolvedRule rule, Map<DetectionItem, ValueTest[]> tests) {
            this.rule = rule;
            this.tests = tests;
        }

        public ResolvedRule rule() {
            return rule;
        }

        /** The prepared test of each value of a detection item of this rule. */
        public ValueTest[] tests(DetectionItem item) {
            return tests.get(item);
        }
    }

    private final List<PreparedRule> rules;

    private ReferenceEvaluator(List<PreparedRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Prepares rules for evaluation.
     *
     * @throws ModelException if a value cannot be prepared (e.g. a regex that does not compile)
     */
    public static PreparedRule prepare(ResolvedRule rule, int maxRegexLength) throws ModelException {
        Map<DetectionItem, ValueTest[]> tests = new IdentityHashMap<>();
        for (Detection d : rule.detections()) {
            prepareNode(d.body(), tests, maxRegexLength);
        }
        return new PreparedRule(rule, tests);
    }

    private static void prepareNode(DetectionNode node, Map<DetectionItem, ValueTest[]> tests, int maxRegexLength)
            throws ModelException {
        if (node instanceof DetectionNode.Item it) {
            DetectionItem item = it.item();
            ValueTest[] ts = new ValueTest[item.values().size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = ValueTest.of(item.values().get(i), item.isKeyword(), maxRegexLength);
            }
            tests.put(item, ts);
        } else {
            List<DetectionNode> children = node instanceof DetectionNode.AllOf a ? a.children()
                    : ((DetectionNode.AnyOf) node).children();
            for (DetectionNode c : children) {
                prepareNode(c, tests, maxRegexLength);
            }
        }
    }

    public static ReferenceEvaluator of(List<PreparedRule> rules) {
        return new ReferenceEvaluator(rules);
    }

    public List<PreparedRule> rules() {
        return rules;
    }

    @Override
    public <E> Bound<E> bind(EventAdapter<E> adapter) {
        return (event, sink) -> {
            for (int i = 0; i < rules.size(); i++) {
                if (evaluate(rules.get(i), event, adapter, false) != null) {
                    sink.matched(i);
                }
            }
        };
    }

    /** One evaluation of one rule against one event. */
    public record Outcome(int condition, List<String> trueSelections, List<Match.Evidence> evidence) {
    }

    /**
     * Evaluates a rule.
     *
     * @return the outcome if the rule matches, else {@code null}
     */
    public static <E> Outcome evaluate(PreparedRule pr, E event, EventAdapter<E> adapter, boolean explain) {
        Context<E> ctx = new Context<>(pr, event, adapter);
        List<RuleExpr> conditions = pr.rule.conditions();
        for (int c = 0; c < conditions.size(); c++) {
            if (ctx.eval(conditions.get(c))) {
                return explain ? ctx.explain(c) : new Outcome(c, List.of(), List.of());
            }
        }
        return null;
    }

    /** Evaluation state for one rule and one event: detection results are memoised. */
    private static final class Context<E> {
        final PreparedRule pr;
        final E event;
        final EventAdapter<E> adapter;
        final Boolean[] memo;
        final ValueTest.Fields fields;

        Context(PreparedRule pr, E event, EventAdapter<E> adapter) {
            this.pr = pr;
            this.event = event;
            this.adapter = adapter;
            this.memo = new Boolean[pr.rule.detections().size()];
            this.fields = f -> adapter.get(event, f);
        }

        boolean eval(RuleExpr e) {
            if (e instanceof RuleExpr.Ref r) {
                Boolean m = memo[r.index()];
                if (m == null) {
                    m = node(pr.rule.detections().get(r.index()).body());
                    memo[r.index()] = m;
                }
                return m;
            }
            if (e instanceof RuleExpr.Not n) {
                return !eval(n.operand());
            }
            if (e instanceof RuleExpr.And a) {
                for (RuleExpr x : a.operands()) {
                    if (!eval(x)) {
                        return false;
                    }
                }
                return true;
            }
            if (e instanceof RuleExpr.Or o) {
                for (RuleExpr x : o.operands()) {
                    if (eval(x)) {
                        return true;
                    }
                }
                return false;
            }
            return ((RuleExpr.Const) e).value();
        }

        boolean node(DetectionNode n) {
            if (n instanceof DetectionNode.Item it) {
                return item(it.item());
            }
            if (n instanceof DetectionNode.AllOf a) {
                for (DetectionNode c : a.children()) {
                    if (!node(c)) {
                        return false;
                    }
                }
                return true;
            }
            for (DetectionNode c : ((DetectionNode.AnyOf) n).children()) {
                if (node(c)) {
                    return true;
                }
            }
            return false;
        }

        boolean item(DetectionItem item) {
            ValueTest[] tests = pr.tests.get(item);
            boolean result = item.all();
            Object fieldValue = item.isKeyword() ? null : adapter.get(event, item.field());
            for (ValueTest t : tests) {
                boolean r = item.isKeyword() ? anyLeaf(t) : t.testField(fieldValue, fields);
                if (r != item.all()) {
                    result = r;
                    break;
                }
            }
            return item.negated() != result;
        }

        boolean anyLeaf(ValueTest t) {
            boolean[] found = {false};
            adapter.visitValues(event, v -> {
                if (t.testScalar(v, fields)) {
                    found[0] = true;
                    return false;
                }
                return true;
            });
            return found[0];
        }

        Outcome explain(int condition) {
            List<String> selections = new ArrayList<>();
            List<Match.Evidence> evidence = new ArrayList<>();
            List<Detection> ds = pr.rule.detections();
            for (int i = 0; i < ds.size(); i++) {
                Detection d = ds.get(i);
                if (memo[i] == Boolean.TRUE && !d.name().startsWith("_")) {
                    selections.add(d.name());
                    collectEvidence(d.name(), d.body(), evidence);
                }
            }
            return new Outcome(condition, selections, evidence);
        }

        void collectEvidence(String selection, DetectionNode n, List<Match.Evidence> out) {
            if (n instanceof DetectionNode.Item it) {
                DetectionItem item = it.item();
                if (item.negated() || !item(item)) {
                    return;
                }
                ValueTest[] tests = pr.tests.get(item);
                if (item.isKeyword()) {
                    for (ValueTest t : tests) {
                        Object[] hit = {null};
                        adapter.visitValues(event, v -> {
                            if (t.testScalar(v, fields)) {
                                hit[0] = v;
                                return false;
                            }
                            return true;
                        });
                        if (hit[0] != null) {
                            out.add(new Match.Evidence(selection, null, shorten(hit[0]), t.describe()));
                        }
                    }
                    return;
                }
                Object fv = adapter.get(event, item.field());
                for (ValueTest t : tests) {
                    if (t.testField(fv, fields)) {
                        out.add(new Match.Evidence(selection, item.field(), shorten(fv), t.describe()));
                    }
                }
                return;
            }
            List<DetectionNode> children = n instanceof DetectionNode.AllOf a ? a.children()
                    : ((DetectionNode.AnyOf) n).children();
            for (DetectionNode c : children) {
                collectEvidence(selection, c, out);
            }
        }
    }

    static String shorten(Object v) {
        String s = v == io.sigmaengine.api.Event.MISSING ? "<missing>" : v == null ? "null"
                : Scalars.isScalar(v) ? Scalars.text(v).toString() : String.valueOf(v);
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
