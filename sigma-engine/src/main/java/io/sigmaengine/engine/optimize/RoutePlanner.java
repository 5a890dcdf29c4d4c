package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;
import io.sigmaengine.engine.ir.Predicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses how to route events to small groups of rules. A rule that can only match when a field has one of a few
 * values ({@code Channel: Security}, {@code EventID: [12, 13, 14]} — the conditions pipelines add for log sources)
 * is put in the bucket of each such value; rules without such a constraint go everywhere. The field constraining
 * the most rules is chosen first, then a second field inside each part. This is how an event only meets rules
 * whose log source it can satisfy, without the engine knowing anything about log sources.
 */
final class RoutePlanner {

    private static final int MIN_RULES = 16;
    private static final double MIN_SHARE = 0.25;
    private static final int MAX_DEPTH = 2;

    /** A key of a route: an integer or a case-folded text. */
    record Key(boolean numeric, long number, String text) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            if (numeric != o.numeric) {
                return numeric ? -1 : 1;
            }
            return numeric ? Long.compare(number, o.number) : text.compareTo(o.text);
        }
    }

    /** The plan: a route node or a leaf with its rules. */
    sealed interface Plan {
    }

    record RoutePlan(String field, boolean numeric, TreeMap<Key, Plan> children, Plan other, Plan any)
            implements Plan {
    }

    record LeafPlan(List<Integer> rules) implements Plan {
    }

    private final Map<Integer, Map<String, Set<Key>>> constraints = new HashMap<>();
    private final Set<String> usedFields = new HashSet<>();

    /** @param roots simplified rule roots by rule index (only rules that can match) */
    RoutePlanner(Map<Integer, Node> roots) {
        for (Map.Entry<Integer, Node> e : roots.entrySet()) {
            constraints.put(e.getKey(), required(e.getValue(), new IdentityHashMap<>()));
        }
    }

    Set<String> usedFields() {
        return usedFields;
    }

    Plan plan(List<Integer> rules) {
        return plan(rules, 0, Set.of());
    }

    private Plan plan(List<Integer> rules, int depth, Set<String> excluded) {
        if (depth >= MAX_DEPTH || rules.size() < MIN_RULES) {
            return new LeafPlan(rules);
        }
        String best = null;
        boolean bestNumeric = false;
        int bestCount = 0;
        Map<String, int[]> counts = new LinkedHashMap<>(); // field -> {numeric rules, text rules}
        for (int r : rules) {
            for (Map.Entry<String, Set<Key>> c : constraints.get(r).entrySet()) {
                if (excluded.contains(c.getKey()) || c.getValue().isEmpty()) {
                    continue;
                }
                int[] n = counts.computeIfAbsent(c.getKey(), k -> new int[2]);
                boolean allNumeric = c.getValue().stream().allMatch(Key::numeric);
                boolean allText = c.getValue().stream().noneMatch(Key::numeric);
                if (allNumeric) {
                    n[0]++;
                } else if (allText) {
                    n[1]++;
                }
            }
        }
        for (Map.Entry<String, int[]> c : counts.entrySet()) {
            int n = Math.max(c.getValue()[0], c.getValue()[1]);
            if (n > bestCount) {
                bestCount = n;
                best = c.getKey();
                bestNumeric = c.getValue()[0] >= c.getValue()[1];
            }
        }
        if (best == null || bestCount < MIN_SHARE * rules.size()) {
            return new LeafPlan(rules);
        }
        TreeMap<Key, List<Integer>> byKey = new TreeMap<>();
        List<Integer> unconstrained = new ArrayList<>();
        for (int r : rules) {
            Set<Key> keys = constraints.get(r).get(best);
            final boolean numeric = bestNumeric;
            if (keys == null || keys.isEmpty() || !keys.stream().allMatch(k -> k.numeric() == numeric)) {
                unconstrained.add(r);
                continue;
            }
            for (Key k : keys) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        if (byKey.size() < 2 && unconstrained.isEmpty()) {
            return new LeafPlan(rules);
        }
        usedFields.add(best);
        Set<String> nextExcluded = new HashSet<>(excluded);
        nextExcluded.add(best);
        TreeMap<Key, Plan> children = new TreeMap<>();
        for (Map.Entry<Key, List<Integer>> e : byKey.entrySet()) {
            List<Integer> bucket = merge(e.getValue(), unconstrained);
            children.put(e.getKey(), plan(bucket, depth + 1, nextExcluded));
        }
        return new RoutePlan(best, bestNumeric, children, plan(unconstrained, depth + 1, nextExcluded),
                new LeafPlan(rules));
    }

    private static List<Integer> merge(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        out.sort(Integer::compare);
        return out;
    }

    /**
     * For each field, the values it must have for the node to be true ({@code field -> keys}); fields with no
     * such constraint are absent. A superset is always safe: routing only decides which rules are evaluated.
     */
    private static Map<String, Set<Key>> required(Node n, Map<Node, Map<String, Set<Key>>> memo) {
        Map<String, Set<Key>> cached = memo.get(n);
        if (cached != null) {
            return cached;
        }
        Map<String, Set<Key>> out = new HashMap<>();
        if (n instanceof Node.Leaf l) {
            Predicate p = l.predicate();
            if (p.field() != null && p.kind() == Predicate.Kind.NUMBER_EQUALS) {
                out.put(p.field(), Set.of(new Key(true, p.number(), null)));
            } else if (p.field() != null && p.kind() == Predicate.Kind.EQUALS && noSurrogates(p.literal())) {
                out.put(p.field(), Set.of(new Key(false, 0, p.literal())));
            }
        } else if (n instanceof Node.And a) {
            for (Node x : a.operands()) {
                for (Map.Entry<String, Set<Key>> e : required(x, memo).entrySet()) {
                    Set<Key> prev = out.get(e.getKey());
                    if (prev == null) {
                        out.put(e.getKey(), e.getValue());
                    } else {
                        Set<Key> both = new HashSet<>(prev);
                        both.retainAll(e.getValue());
                        out.put(e.getKey(), both);
                    }
                }
            }
        } else if (n instanceof Node.Or o) {
            boolean first = true;
            for (Node x : o.operands()) {
                Map<String, Set<Key>> c = required(x, memo);
                if (first) {
                    out.putAll(c);
                    first = false;
                } else {
                    out.keySet().retainAll(c.keySet());
                    for (Map.Entry<String, Set<Key>> e : out.entrySet()) {
                        Set<Key> union = new HashSet<>(e.getValue());
                        union.addAll(c.get(e.getKey()));
                        e.setValue(union);
                    }
                }
            }
        }
        memo.put(n, out);
        return out;
    }

    private static boolean noSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
