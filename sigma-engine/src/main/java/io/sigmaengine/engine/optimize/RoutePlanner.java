package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;
import io.sigmaengine.engine.ir.Predicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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

    /** A leaf: the rules of one bucket, ascending. */
    record LeafPlan(int[] rules) implements Plan {
    }

    /** Per rule: the fields it constrains, with the keys' kind and the keys. */
    private final Map<Integer, Constraint[]> constraints = new HashMap<>();
    private final Map<String, Integer> fieldIds = new HashMap<>();
    private final List<String> fieldNames = new ArrayList<>();
    private final Set<String> usedFields = new HashSet<>();

    /** A rule's constraint on one field: every key numeric, every key text, or mixed (not routable). */
    private record Constraint(int field, int kind, Set<Key> keys) {
        static final int NUMERIC = 0;
        static final int TEXT = 1;
        static final int MIXED = 2;
    }

    /** @param roots simplified rule roots by rule index (only rules that can match) */
    RoutePlanner(Map<Integer, Node> roots) {
        for (Map.Entry<Integer, Node> e : roots.entrySet()) {
            List<Constraint> cs = new ArrayList<>();
            for (Map.Entry<String, Set<Key>> c : required(e.getValue(), new IdentityHashMap<>()).entrySet()) {
                if (c.getValue().isEmpty()) {
                    continue;
                }
                boolean numeric = c.getValue().stream().allMatch(Key::numeric);
                boolean text = c.getValue().stream().noneMatch(Key::numeric);
                int field = fieldIds.computeIfAbsent(c.getKey(), k -> {
                    fieldNames.add(k);
                    return fieldNames.size() - 1;
                });
                cs.add(new Constraint(field, numeric ? Constraint.NUMERIC : text ? Constraint.TEXT : Constraint.MIXED,
                        c.getValue()));
            }
            constraints.put(e.getKey(), cs.toArray(new Constraint[0]));
        }
    }

    Set<String> usedFields() {
        return usedFields;
    }

    Plan plan(List<Integer> rules) {
        return plan(rules.stream().mapToInt(Integer::intValue).sorted().toArray(), 0, new boolean[fieldNames.size()]);
    }

    private Plan plan(int[] rules, int depth, boolean[] excluded) {
        if (depth >= MAX_DEPTH || rules.length < MIN_RULES) {
            return leaf(rules);
        }
        int[][] counts = new int[fieldNames.size()][2];
        for (int r : rules) {
            for (Constraint c : constraints.get(r)) {
                if (!excluded[c.field()] && c.kind() != Constraint.MIXED) {
                    counts[c.field()][c.kind()]++;
                }
            }
        }
        int best = -1;
        boolean bestNumeric = false;
        int bestCount = 0;
        for (int f = 0; f < counts.length; f++) {
            int n = Math.max(counts[f][0], counts[f][1]);
            if (n > bestCount) {
                bestCount = n;
                best = f;
                bestNumeric = counts[f][0] >= counts[f][1];
            }
        }
        if (best < 0 || bestCount < MIN_SHARE * rules.length) {
            return leaf(rules);
        }
        int wanted = bestNumeric ? Constraint.NUMERIC : Constraint.TEXT;
        TreeMap<Key, List<Integer>> byKey = new TreeMap<>();
        List<Integer> unconstrained = new ArrayList<>();
        for (int r : rules) {
            Constraint match = null;
            for (Constraint c : constraints.get(r)) {
                if (c.field() == best && c.kind() == wanted) {
                    match = c;
                }
            }
            if (match == null) {
                unconstrained.add(r);
                continue;
            }
            for (Key k : match.keys()) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        if (byKey.size() < 2 && unconstrained.isEmpty()) {
            return leaf(rules);
        }
        usedFields.add(fieldNames.get(best));
        boolean[] nextExcluded = excluded.clone();
        nextExcluded[best] = true;
        int[] rest = unconstrained.stream().mapToInt(Integer::intValue).toArray();
        TreeMap<Key, Plan> children = new TreeMap<>();
        for (Map.Entry<Key, List<Integer>> e : byKey.entrySet()) {
            int[] own = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            children.put(e.getKey(), plan(merge(own, rest), depth + 1, nextExcluded));
        }
        return new RoutePlan(fieldNames.get(best), bestNumeric, children, plan(rest, depth + 1, nextExcluded),
                leaf(rules));
    }

    private static Plan leaf(int[] rules) {
        return new LeafPlan(rules);
    }

    /** Union of two ascending arrays, ascending. */
    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                out[k++] = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                out[k++] = b[j++];
            } else {
                out[k++] = a[i++];
                j++;
            }
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
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
