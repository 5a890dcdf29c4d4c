package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaCorrelation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Compiles the validated correlation rules of a rule set (references resolve, no cycles) into a
 * {@link CorrelationPlan}: orders them so inner correlations come first, decides which are evaluated and which
 * report their firings, resolves aliases per referenced rule, and rejects correlations whose rules were rejected.
 */
public final class CorrelationPlanner {

    /** Most rules one correlation may reference (slots are bits of a long). */
    static final int MAX_SLOTS = 64;

    /**
     * A detection rule that correlations may reference.
     *
     * @param meta           its metadata (for references by id or name)
     * @param evaluatedIndex its index among the evaluated rules, or {@code -1} if it is not evaluated
     * @param rejected       whether it failed to compile (a correlation that uses it is rejected too)
     */
    public record BaseRule(RuleMeta meta, int evaluatedIndex, boolean rejected) {
    }

    /**
     * @param plan     the evaluated correlations
     * @param infos    metadata of every correlation that was not rejected (evaluated or not), in load order
     * @param rejected how many correlations were rejected here
     */
    public record Result(CorrelationPlan plan, List<RuleInfo> infos, int rejected) {
    }

    private enum State { EVALUATED, NOT_EVALUATED, REJECTED }

    private final Map<String, Object> byRef = new HashMap<>();
    private final Map<SigmaCorrelation, State> states = new IdentityHashMap<>();
    private final Map<SigmaCorrelation, CorrelationNode> nodes = new IdentityHashMap<>();
    private final Diagnostics diag;

    private CorrelationPlanner(Diagnostics diag) {
        this.diag = diag;
    }

    /**
     * @param correlations       validated correlations, in load order
     * @param rules              every loaded detection rule
     * @param evaluatedRuleCount how many detection rules are evaluated
     * @param evaluateDeprecated whether rules with status deprecated/unsupported are evaluated
     * @param info               makes the metadata of a correlation, given whether it is evaluated
     */
    public static Result plan(List<SigmaCorrelation> correlations, List<BaseRule> rules, int evaluatedRuleCount,
                              boolean evaluateDeprecated, BiFunction<SigmaCorrelation, Boolean, RuleInfo> info,
                              Diagnostics diag) {
        return new CorrelationPlanner(diag).run(correlations, rules, evaluatedRuleCount, evaluateDeprecated, info);
    }

    private Result run(List<SigmaCorrelation> correlations, List<BaseRule> rules, int evaluatedRuleCount,
                       boolean evaluateDeprecated, BiFunction<SigmaCorrelation, Boolean, RuleInfo> info) {
        // Resolution order of the assembler's validation: rules before correlations, id before name.
        for (BaseRule r : rules) {
            index(r.meta(), r);
        }
        for (SigmaCorrelation c : correlations) {
            index(c.meta(), c);
        }
        List<SigmaCorrelation> order = new ArrayList<>();
        Set<SigmaCorrelation> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (SigmaCorrelation c : correlations) {
            topological(c, seen, order);
        }
        for (SigmaCorrelation c : order) {
            states.put(c, decide(c, evaluateDeprecated));
        }
        Set<SigmaCorrelation> silenced = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (SigmaCorrelation c : order) {
            if (states.get(c) != State.REJECTED && !c.generate()) {
                for (String ref : c.ruleRefs()) {
                    if (byRef.get(ref) instanceof SigmaCorrelation inner) {
                        silenced.add(inner);
                    }
                }
            }
        }
        List<CorrelationNode> built = new ArrayList<>();
        for (SigmaCorrelation c : order) {
            if (states.get(c) == State.EVALUATED) {
                CorrelationNode n = node(c, built.size(), info.apply(c, true), !silenced.contains(c));
                nodes.put(c, n);
                built.add(n);
            }
        }
        List<RuleInfo> infos = new ArrayList<>();
        int rejected = 0;
        for (SigmaCorrelation c : correlations) {
            State s = states.get(c);
            if (s == State.REJECTED) {
                rejected++;
            } else {
                infos.add(nodes.containsKey(c) ? nodes.get(c).info() : info.apply(c, false));
            }
        }
        return new Result(flows(order, built, evaluatedRuleCount), infos, rejected);
    }

    private void index(RuleMeta m, Object target) {
        if (m.id() != null) {
            byRef.putIfAbsent(m.id(), target);
        }
        if (m.name() != null) {
            byRef.putIfAbsent(m.name(), target);
        }
    }

    private void topological(SigmaCorrelation c, Set<SigmaCorrelation> seen, List<SigmaCorrelation> order) {
        if (!seen.add(c)) {
            return;
        }
        for (String ref : c.ruleRefs()) {
            if (byRef.get(ref) instanceof SigmaCorrelation inner) {
                topological(inner, seen, order);
            }
        }
        order.add(c);
    }

    private State decide(SigmaCorrelation c, boolean evaluateDeprecated) {
        String name = c.meta().identity();
        if (c.ruleRefs().size() > MAX_SLOTS) {
            diag.error("correlation-too-many-rules", "a correlation may reference at most " + MAX_SLOTS + " rules",
                    c.meta().location(), name);
            return State.REJECTED;
        }
        State state = evaluateDeprecated || c.meta().status() == null || c.meta().status().evaluatedByDefault()
                ? State.EVALUATED : State.NOT_EVALUATED;
        for (String ref : c.ruleRefs()) {
            Object target = byRef.get(ref);
            boolean rejected = target instanceof BaseRule b ? b.rejected() : states.get(target) == State.REJECTED;
            boolean evaluated = target instanceof BaseRule b ? b.evaluatedIndex() >= 0
                    : states.get(target) == State.EVALUATED;
            if (rejected) {
                diag.error("correlation-rule-rejected", "correlation refers to rule '" + ref + "', which was rejected",
                        c.meta().location(), name);
                return State.REJECTED;
            }
            if (!evaluated && state == State.EVALUATED) {
                diag.warn("correlation-not-evaluated", "correlation refers to rule '" + ref + "', which is not "
                        + "evaluated (status deprecated or unsupported), so the correlation is not evaluated either",
                        c.meta().location(), name);
                state = State.NOT_EVALUATED;
            }
        }
        return state;
    }

    private CorrelationNode node(SigmaCorrelation c, int index, RuleInfo info, boolean emits) {
        List<String> refs = c.ruleRefs();
        int slots = refs.size();
        String[] groupBy = c.groupBy().toArray(new String[0]);
        String[][] groupFields = new String[slots][];
        String[][] valueFields = new String[slots][];
        int[][] innerGroup = new int[slots][];
        int[][] innerValue = new int[slots][];
        for (int s = 0; s < slots; s++) {
            Object target = byRef.get(refs.get(s));
            groupFields[s] = aliased(c, refs.get(s), target, c.groupBy());
            valueFields[s] = aliased(c, refs.get(s), target, c.valueFields());
            if (target instanceof SigmaCorrelation inner) {
                List<String> innerGroupBy = List.of(nodes.get(inner).groupBy());
                innerGroup[s] = positions(c, refs.get(s), innerGroupBy, groupFields[s]);
                innerValue[s] = positions(c, refs.get(s), innerGroupBy, valueFields[s]);
            }
        }
        CorrelationNode.Aggregate aggregate = switch (c.type()) {
            case EVENT_COUNT -> CorrelationNode.Aggregate.EVENT_COUNT;
            case VALUE_COUNT -> CorrelationNode.Aggregate.VALUE_COUNT;
            case TEMPORAL -> CorrelationNode.Aggregate.TEMPORAL;
            case TEMPORAL_ORDERED -> CorrelationNode.Aggregate.TEMPORAL_ORDERED;
            case VALUE_SUM -> CorrelationNode.Aggregate.VALUE_SUM;
            case VALUE_AVG -> CorrelationNode.Aggregate.VALUE_AVG;
            case VALUE_PERCENTILE, VALUE_MEDIAN -> CorrelationNode.Aggregate.VALUE_PERCENTILE;
        };
        WindowCondition condition = c.extendedCondition() != null
                ? WindowCondition.expression(c.extendedCondition(), refs)
                : WindowCondition.thresholds(c.thresholds());
        // Averages and percentiles are not sums of their events, so an empty window says nothing about them.
        boolean additive = aggregate != CorrelationNode.Aggregate.VALUE_AVG
                && aggregate != CorrelationNode.Aggregate.VALUE_PERCENTILE;
        boolean windowClose = additive && condition.satisfiedByEmptyWindow();
        boolean counts = aggregate == CorrelationNode.Aggregate.EVENT_COUNT
                || aggregate == CorrelationNode.Aggregate.VALUE_COUNT;
        int retain = !windowClose && counts ? condition.lowerBoundCount() : Integer.MAX_VALUE;
        double percentile = c.type() == SigmaCorrelation.CorrelationType.VALUE_MEDIAN ? 50
                : c.percentile() == null ? 50 : c.percentile();
        long timespan = c.timespan().getSeconds() > Long.MAX_VALUE / 4_000_000L ? Long.MAX_VALUE / 4
                : c.timespan().getSeconds() * 1_000_000L + c.timespan().getNano() / 1_000;
        String canonical = String.join("|", c.type().yamlName(), Long.toString(timespan),
                Arrays.deepToString(groupFields), Arrays.deepToString(valueFields), String.join(",", groupBy),
                targets(refs), c.thresholds().toString(), String.valueOf(c.extendedCondition()),
                Double.toString(percentile), Boolean.toString(windowClose));
        return new CorrelationNode(index, info, c.type().yamlName(), aggregate, emits, timespan, groupBy, groupFields,
                valueFields, innerGroup, innerValue, condition, windowClose, retain, percentile, hash(canonical));
    }

    /** The field each name stands for in the events of one referenced rule: its alias target, else the name. */
    private static String[] aliased(SigmaCorrelation c, String ref, Object target, List<String> names) {
        RuleMeta meta = target instanceof BaseRule b ? b.meta() : ((SigmaCorrelation) target).meta();
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            String name = names.get(i);
            out[i] = name;
            Map<String, String> alias = c.aliases().get(name);
            if (alias != null) {
                for (Map.Entry<String, String> e : alias.entrySet()) {
                    String k = e.getKey();
                    if (k.equals(ref) || k.equals(meta.id()) || k.equals(meta.name())) {
                        out[i] = e.getValue();
                    }
                }
            }
        }
        return out;
    }

    /** Positions of fields among an inner correlation's group-by names; warns about those it cannot supply. */
    private int[] positions(SigmaCorrelation c, String ref, List<String> innerGroupBy, String[] fields) {
        int[] out = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = innerGroupBy.indexOf(fields[i]);
            if (out[i] < 0) {
                diag.warn("correlation-chain-field", "field '" + fields[i] + "' is not a group-by field of the inner "
                        + "correlation '" + ref + "', so its firings are never counted here; a correlation's output "
                        + "only carries its group-by fields", c.meta().location(), c.meta().identity());
            }
        }
        return out;
    }

    private String targets(List<String> refs) {
        StringBuilder sb = new StringBuilder();
        for (String r : refs) {
            Object t = byRef.get(r);
            RuleMeta m = t instanceof BaseRule b ? b.meta() : ((SigmaCorrelation) t).meta();
            sb.append(m.identity()).append(',');
        }
        return sb.toString();
    }

    private static long hash(String canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Which correlations each evaluated rule and each correlation feeds. */
    private CorrelationPlan flows(List<SigmaCorrelation> order, List<CorrelationNode> built, int evaluatedRuleCount) {
        List<Map<Integer, Long>> byRule = new ArrayList<>();
        for (int i = 0; i < evaluatedRuleCount; i++) {
            byRule.add(new LinkedHashMap<>());
        }
        List<Map<Integer, Long>> byNode = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            byNode.add(new LinkedHashMap<>());
        }
        for (SigmaCorrelation c : order) {
            CorrelationNode n = nodes.get(c);
            if (n == null) {
                continue;
            }
            List<String> refs = c.ruleRefs();
            for (int s = 0; s < refs.size(); s++) {
                Object target = byRef.get(refs.get(s));
                Map<Integer, Long> into = target instanceof BaseRule b ? byRule.get(b.evaluatedIndex())
                        : byNode.get(nodes.get(target).index());
                into.merge(n.index(), 1L << s, (a, b) -> a | b);
            }
        }
        int[][] ruleNodes = new int[evaluatedRuleCount][];
        long[][] ruleSlots = new long[evaluatedRuleCount][];
        for (int i = 0; i < evaluatedRuleCount; i++) {
            ruleNodes[i] = keys(byRule.get(i));
            ruleSlots[i] = values(byRule.get(i));
        }
        int[][] outNodes = new int[built.size()][];
        long[][] outSlots = new long[built.size()][];
        for (int i = 0; i < built.size(); i++) {
            outNodes[i] = keys(byNode.get(i));
            outSlots[i] = values(byNode.get(i));
        }
        return new CorrelationPlan(built, ruleNodes, ruleSlots, outNodes, outSlots);
    }

    private static int[] keys(Map<Integer, Long> m) {
        return m.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] values(Map<Integer, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).toArray();
    }
}
