package io.sigmaengine.engine.ir;

import io.sigmaengine.engine.match.CaseFold;
import io.sigmaengine.engine.match.ValueTest;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.resolve.ResolvedRule;
import io.sigmaengine.engine.resolve.RuleExpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lowers resolved rules to the IR: conditions and detections become one boolean DAG per rule whose leaves are
 * predicates. Identical predicates (same field, same comparison) become one shared {@link Predicate} instance
 * across all rules, so later stages can evaluate each once per event.
 */
public final class Lowering {

    private final int maxRegexLength;
    private final Map<PredicateKey, Predicate> interned = new HashMap<>();
    private Function<DetectionItem, ValueTest[]> prepared = item -> null;

    /** What makes two predicates the same: the field ({@code null} for keywords) and the value, compared by value. */
    private record PredicateKey(String field, SigmaValue value) {
    }

    public Lowering(int maxRegexLength) {
        this.maxRegexLength = maxRegexLength;
    }

    /** Every distinct predicate lowered so far. */
    public List<Predicate> predicates() {
        return new ArrayList<>(interned.values());
    }

    /**
     * Lowers one rule.
     *
     * @throws ModelException if a value cannot be prepared (cannot happen for rules the reference evaluator
     *                        accepted)
     */
    public IrRule lower(int index, ResolvedRule rule) throws ModelException {
        return lower(index, rule, item -> null);
    }

    /**
     * Lowers one rule, reusing value tests already prepared for its detection items where there are some (so
     * regular expressions are not compiled twice).
     *
     * @param prepared the prepared tests of an item's values, or {@code null}
     */
    public IrRule lower(int index, ResolvedRule rule, Function<DetectionItem, ValueTest[]> prepared)
            throws ModelException {
        this.prepared = prepared;
        Map<Integer, Node> detections = new HashMap<>();
        List<Node> conditions = new ArrayList<>();
        for (RuleExpr c : rule.conditions()) {
            conditions.add(expr(c, rule, detections));
        }
        return new IrRule(index, conditions.size() == 1 ? conditions.get(0) : new Node.Or(conditions));
    }

    private Node expr(RuleExpr e, ResolvedRule rule, Map<Integer, Node> detections) throws ModelException {
        if (e instanceof RuleExpr.Ref r) {
            Node n = detections.get(r.index());
            if (n == null) {
                Detection d = rule.detections().get(r.index());
                n = detection(d.body());
                detections.put(r.index(), n);
            }
            return n;
        }
        if (e instanceof RuleExpr.Not n) {
            return new Node.Not(expr(n.operand(), rule, detections));
        }
        if (e instanceof RuleExpr.Const c) {
            return c.value() ? Node.Const.TRUE : Node.Const.FALSE;
        }
        boolean and = e instanceof RuleExpr.And;
        List<RuleExpr> ops = and ? ((RuleExpr.And) e).operands() : ((RuleExpr.Or) e).operands();
        List<Node> out = new ArrayList<>(ops.size());
        for (RuleExpr o : ops) {
            out.add(expr(o, rule, detections));
        }
        return and ? new Node.And(out) : new Node.Or(out);
    }

    private Node detection(DetectionNode n) throws ModelException {
        if (n instanceof DetectionNode.Item it) {
            return item(it.item());
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> children = all ? ((DetectionNode.AllOf) n).children()
                : ((DetectionNode.AnyOf) n).children();
        List<Node> out = new ArrayList<>(children.size());
        for (DetectionNode c : children) {
            out.add(detection(c));
        }
        return all ? new Node.And(out) : new Node.Or(out);
    }

    private Node item(DetectionItem item) throws ModelException {
        List<Node> values = new ArrayList<>(item.values().size());
        ValueTest[] tests = prepared.apply(item);
        for (int i = 0; i < item.values().size(); i++) {
            SigmaValue v = item.values().get(i);
            values.add(value(item.field(), v, tests == null || v instanceof SigmaValue.Expansion ? null : tests[i]));
        }
        Node n = values.size() == 1 ? values.get(0) : item.all() ? new Node.And(values) : new Node.Or(values);
        return item.negated() ? new Node.Not(n) : n;
    }

    private Node value(String field, SigmaValue v, ValueTest test) throws ModelException {
        if (v instanceof SigmaValue.Expansion e) {
            List<Node> alts = new ArrayList<>(e.alternatives().size());
            for (SigmaValue a : e.alternatives()) {
                alts.add(value(field, a, null));
            }
            return new Node.Or(alts);
        }
        Predicate p = intern(field, v, key -> predicate(field, v, key, test));
        List<String> required = p.kind() == Predicate.Kind.OTHER || p.verify() ? requiredLiterals(field, v) : null;
        if (required == null || required.isEmpty()) {
            return new Node.Leaf(p);
        }
        // Guard a slow comparison with "contains a literal it needs": implied by the comparison, so the meaning is
        // unchanged, and decided by the field scan, so most slow comparisons never run.
        List<Node> guards = new ArrayList<>(required.size());
        for (String lit : required) {
            guards.add(new Node.Leaf(containsPredicate(field, lit)));
        }
        Node guard = guards.size() == 1 ? guards.get(0) : new Node.Or(guards);
        return new Node.And(List.of(guard, new Node.Leaf(p)));
    }

    @FunctionalInterface
    private interface PredicateFactory {
        Predicate create(PredicateKey key) throws ModelException;
    }

    private Predicate intern(String field, SigmaValue value, PredicateFactory factory) throws ModelException {
        PredicateKey key = new PredicateKey(field, value);
        Predicate p = interned.get(key);
        if (p == null) {
            p = factory.create(key);
            interned.put(key, p);
        }
        return p;
    }

    /** The case-insensitive "contains {@code literal}" predicate (shared with rules that say exactly that). */
    private Predicate containsPredicate(String field, String literal) throws ModelException {
        SigmaString s = SigmaString.of(List.of(SigmaString.AnyString.INSTANCE, new SigmaString.Literal(literal),
                SigmaString.AnyString.INSTANCE));
        SigmaValue.Str v = new SigmaValue.Str(s, false);
        return intern(field, v, key -> new Predicate(field, Predicate.Kind.CONTAINS,
                CaseFold.fold(literal), false, 0, ValueTest.of(v, false, maxRegexLength), key));
    }

    /**
     * Literals one of which every value satisfying {@code v} contains (case-folded), or {@code null}: for a regex,
     * its required literals (one per top-level alternative); for a wildcard pattern or a case-sensitive string,
     * its longest literal.
     */
    private static List<String> requiredLiterals(String field, SigmaValue v) {
        if (v instanceof SigmaValue.Regex r) {
            List<String> alts = RegexLiterals.required(r.pattern());
            if (alts == null) {
                return null;
            }
            List<String> out = new ArrayList<>(alts.size());
            for (String a : alts) {
                out.add(CaseFold.fold(a));
            }
            return out;
        }
        if (v instanceof SigmaValue.Str s) {
            SigmaString str = s.string();
            if (str.isPlain() && SigmaNumber.parseDecimal(str.plainText()) != null) {
                return null; // numeric strings compare as numbers with number event values: no literal is required
            }
            String longest = null;
            for (SigmaString.Token t : str.tokens()) {
                if (t instanceof SigmaString.Literal l && (longest == null || l.text().length() > longest.length())) {
                    longest = l.text();
                }
            }
            return longest == null ? null : List.of(CaseFold.fold(longest));
        }
        return null;
    }

    private Predicate predicate(String field, SigmaValue v, PredicateKey key, ValueTest prepared)
            throws ModelException {
        boolean keyword = field == null;
        ValueTest test = prepared != null ? prepared : ValueTest.of(v, keyword, maxRegexLength);
        if (keyword && v instanceof SigmaValue.Num n) {
            v = new SigmaValue.Str(SigmaString.literal(n.number().toString()), false);
        } else if (keyword && v instanceof SigmaValue.Bool b) {
            v = new SigmaValue.Str(SigmaString.literal(Boolean.toString(b.value())), false);
        }
        if (v instanceof SigmaValue.Str s) {
            SigmaString str = keyword ? s.string().prependAnyString().appendAnyString() : s.string();
            return stringPredicate(field, str, s.cased(), test, key);
        }
        if (v instanceof SigmaValue.Num n && n.number().isLong()) {
            return new Predicate(field, Predicate.Kind.NUMBER_EQUALS, null, false, n.number().longValue(), test, key);
        }
        return new Predicate(field, Predicate.Kind.OTHER, null, true, 0, test, key);
    }

    /** Classifies a glob by its shape: {@code lit}, {@code lit*}, {@code *lit}, {@code *lit*}, or general. */
    private static Predicate stringPredicate(String field, SigmaString s, boolean cased, ValueTest test,
                                             PredicateKey key) {
        List<SigmaString.Token> t = s.tokens();
        boolean numericLiteral = s.isPlain() && SigmaNumber.parseDecimal(s.plainText()) != null;
        boolean anyChar = t.contains(SigmaString.AnyChar.INSTANCE);
        List<String> literals = new ArrayList<>();
        for (SigmaString.Token tok : t) {
            if (tok instanceof SigmaString.Literal l) {
                literals.add(CaseFold.fold(l.text()));
            }
        }
        if (!anyChar && !numericLiteral && literals.size() == 1) {
            boolean lead = s.startsWithAnyString();
            boolean trail = s.endsWithAnyString();
            Predicate.Kind kind = lead && trail ? Predicate.Kind.CONTAINS : lead ? Predicate.Kind.ENDS_WITH
                    : trail ? Predicate.Kind.STARTS_WITH : Predicate.Kind.EQUALS;
            return new Predicate(field, kind, literals.get(0), cased, 0, test, key);
        }
        return new Predicate(field, Predicate.Kind.OTHER, null, true, 0, test, key);
    }
}
