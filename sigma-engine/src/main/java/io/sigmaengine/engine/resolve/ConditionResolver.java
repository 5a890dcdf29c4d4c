package io.sigmaengine.engine.resolve;

import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.condition.ConditionParser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resolves a parsed condition against the names of a rule's detections, with pySigma's semantics:
 * <ul>
 *   <li>{@code 1 of P} / {@code any of P} is an OR, {@code all of P} an AND, over every identifier whose whole name
 *       matches {@code P} ({@code *} = any run of characters); {@code them} selects every identifier;</li>
 *   <li>identifiers starting with {@code _} are skipped unless the pattern itself starts with {@code _};</li>
 *   <li>a selector that selects nothing is removed, together with a {@code not} around it, and an AND/OR left
 *       with one operand collapses to it; if the whole condition disappears the rule never matches.</li>
 * </ul>
 */
public final class ConditionResolver {

    private ConditionResolver() {
    }

    /**
     * @param expr      the parsed condition
     * @param names     detection names; a {@code null} entry is a detection that no longer exists (emptied by a
     *                  pipeline) and is treated like a selector that matched nothing
     * @param offset    index of {@code names.get(0)} in the rule's detection list
     * @param onRemoved told about each identifier or selector that was removed
     * @return the expression, or {@code null} if nothing is left
     */
    public static RuleExpr resolve(ConditionExpr expr, List<String> names, int offset, Consumer<String> onRemoved) {
        // Iterative post-order walk: conditions may be deep and the JVM stack is not ours to exhaust.
        record Frame(ConditionExpr node, List<RuleExpr> done, int next) {
        }
        ArrayList<Frame> stack = new ArrayList<>();
        ArrayList<RuleExpr> results = new ArrayList<>();
        stack.add(new Frame(expr, new ArrayList<>(), 0));
        while (!stack.isEmpty()) {
            Frame f = stack.remove(stack.size() - 1);
            List<ConditionExpr> children = children(f.node());
            if (f.next() < children.size()) {
                stack.add(new Frame(f.node(), f.done(), f.next() + 1));
                stack.add(new Frame(children.get(f.next()), new ArrayList<>(), 0));
                continue;
            }
            ConditionExpr node = f.node();
            RuleExpr r;
            if (node instanceof ConditionExpr.Identifier id) {
                r = identifier(id, names, offset, onRemoved);
            } else if (node instanceof ConditionExpr.Selector sel) {
                r = selector(sel, names, offset, onRemoved);
            } else if (node instanceof ConditionExpr.Not) {
                RuleExpr inner = results.remove(results.size() - 1);
                r = inner == null ? null : new RuleExpr.Not(inner);
            } else {
                r = combine(popChildren(results, children.size()), node instanceof ConditionExpr.And);
            }
            results.add(r);
        }
        return results.get(0);
    }

    private static List<ConditionExpr> children(ConditionExpr e) {
        if (e instanceof ConditionExpr.And a) {
            return a.operands();
        }
        if (e instanceof ConditionExpr.Or o) {
            return o.operands();
        }
        if (e instanceof ConditionExpr.Not n) {
            return List.of(n.operand());
        }
        return List.of();
    }

    private static List<RuleExpr> popChildren(ArrayList<RuleExpr> results, int n) {
        List<RuleExpr> tail = new ArrayList<>(results.subList(results.size() - n, results.size()));
        results.subList(results.size() - n, results.size()).clear();
        return tail;
    }

    private static RuleExpr combine(List<RuleExpr> operands, boolean and) {
        List<RuleExpr> kept = new ArrayList<>(operands.size());
        for (RuleExpr e : operands) {
            if (e != null) {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        return and ? new RuleExpr.And(kept) : new RuleExpr.Or(kept);
    }

    private static RuleExpr identifier(ConditionExpr.Identifier id, List<String> names, int offset,
                                       Consumer<String> onRemoved) {
        int i = names.indexOf(id.name());
        if (i < 0) {
            onRemoved.accept(id.name());
            return null;
        }
        return new RuleExpr.Ref(offset + i);
    }

    private static RuleExpr selector(ConditionExpr.Selector sel, List<String> names, int offset,
                                     Consumer<String> onRemoved) {
        List<RuleExpr> refs = new ArrayList<>();
        String pattern = sel.pattern();
        boolean includeUnderscore = pattern != null && pattern.startsWith("_");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || (name.startsWith("_") && !includeUnderscore)) {
                continue;
            }
            if (pattern == null || ConditionParser.patternMatches(pattern, name)) {
                refs.add(new RuleExpr.Ref(offset + i));
            }
        }
        if (refs.isEmpty()) {
            onRemoved.accept((sel.quantifier() == ConditionExpr.Quantifier.ALL ? "all of " : "1 of ")
                    + (pattern == null ? "them" : pattern));
            return null;
        }
        if (refs.size() == 1) {
            return refs.get(0);
        }
        return sel.quantifier() == ConditionExpr.Quantifier.ALL ? new RuleExpr.And(refs) : new RuleExpr.Or(refs);
    }
}
