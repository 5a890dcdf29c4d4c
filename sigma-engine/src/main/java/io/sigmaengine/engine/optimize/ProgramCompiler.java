package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.IrRule;
import io.sigmaengine.engine.ir.Node;
import io.sigmaengine.engine.ir.Predicate;
import io.sigmaengine.engine.match.ValueTest;
import io.sigmaengine.engine.program.Automaton;
import io.sigmaengine.engine.program.Bucket;
import io.sigmaengine.engine.program.FieldScan;
import io.sigmaengine.engine.program.Program;
import io.sigmaengine.engine.program.Route;
import io.sigmaengine.engine.program.SkipScanner;
import io.sigmaengine.engine.program.TextKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles IR rules into a {@link Program}: simplify, route, plan triggers, build the per-bucket scans, and emit
 * each rule's branch code with the cheapest and most selective tests first.
 */
public final class ProgramCompiler {

    /** Field scans with at least this many literals also carry the keyword literals. */
    private static final int KEYWORD_MERGE_MIN_LITERALS = 100;

    private final int ruleCount;
    private final Map<Integer, Node> roots = new TreeMap<>();
    private final Map<Predicate, Integer> predicateIds = new IdentityHashMap<>();
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final Map<IntArrayKey, Bucket> buckets = new HashMap<>();
    private final Map<Integer, RulePlan> rulePlans = new HashMap<>();
    private final Map<Integer, ScanBuilder> scanBuilders = new LinkedHashMap<>();
    private final Map<List<Integer>, FieldScan> keywordScans = new HashMap<>();
    private Estimates estimates;
    private TriggerPlanner triggers;

    private ProgramCompiler(int ruleCount) {
        this.ruleCount = ruleCount;
    }

    /**
     * Compiles rules; rule indexes in {@code rules} must be below {@code ruleCount} (indexes without a rule never
     * match).
     */
    public static Program compile(List<IrRule> rules, int ruleCount) {
        return compile(rules, ruleCount, TaskRunner.SEQUENTIAL);
    }

    /** Compiles rules, building the field scans (independent of each other) with {@code runner}. */
    public static Program compile(List<IrRule> rules, int ruleCount, TaskRunner runner) {
        return new ProgramCompiler(ruleCount).run(rules, runner);
    }

    private Program run(List<IrRule> rules, TaskRunner runner) {
        // IR nodes per rule, roughly: sizes the optimizer's memo tables so that they do not rehash as they fill.
        int expectedNodes = Math.max(16, rules.size() * 24);
        Simplifier simplifier = new Simplifier(expectedNodes);
        for (IrRule r : rules) {
            Node root = simplifier.simplify(r.root());
            if (!(root instanceof Node.Const c && !c.value())) {
                roots.put(r.index(), root);
            }
        }
        RoutePlanner router = new RoutePlanner(roots);
        RoutePlanner.Plan plan = router.plan(new ArrayList<>(roots.keySet()));
        estimates = new Estimates(router.usedFields(), expectedNodes);
        triggers = new TriggerPlanner(estimates, expectedNodes);
        for (Node root : roots.values()) {
            number(root, new IdentityHashMap<>());
        }
        int[][] code = new int[ruleCount][];
        for (Map.Entry<Integer, Node> e : roots.entrySet()) {
            code[e.getKey()] = new CodeGenerator().emit(e.getValue());
        }
        planScans();
        Object root = build(plan);
        FieldScan[] scans = new FieldScan[slots.size()];
        List<Runnable> scanJobs = new ArrayList<>();
        for (Map.Entry<Integer, ScanBuilder> e : scanBuilders.entrySet()) {
            int slot = e.getKey();
            if (slot >= 0) {
                scanJobs.add(() -> scans[slot] = e.getValue().build(slot));
            }
        }
        runner.runAll(scanJobs);
        int n = predicateIds.size();
        byte[] mode = new byte[n];
        int[] slot = new int[n];
        ValueTest[] tests = new ValueTest[n];
        for (Map.Entry<Predicate, Integer> e : predicateIds.entrySet()) {
            Predicate p = e.getKey();
            int id = e.getValue();
            mode[id] = scanned(p) ? Program.SCANNED : Program.EVALUATED;
            slot[id] = p.field() == null ? -1 : slot(p.field());
            tests[id] = p.test();
        }
        return new Program(slots.keySet().toArray(new String[0]), mode, slot, tests, code, root, scans);
    }

    /** Whether scans decide the predicate (its literal or number found at the right place). */
    static boolean scanned(Predicate p) {
        return p.decidedByLiteral() || p.kind() == Predicate.Kind.NUMBER_EQUALS;
    }

    private void number(Node n, Map<Node, Boolean> seen) {
        if (seen.put(n, Boolean.TRUE) != null) {
            return;
        }
        if (n instanceof Node.Leaf l) {
            predicateIds.computeIfAbsent(l.predicate(), k -> predicateIds.size());
            if (l.predicate().field() != null) {
                slot(l.predicate().field());
            }
        } else if (n instanceof Node.Not not) {
            number(not.operand(), seen);
        } else if (n instanceof Node.And a) {
            a.operands().forEach(x -> number(x, seen));
        } else if (n instanceof Node.Or o) {
            o.operands().forEach(x -> number(x, seen));
        }
    }

    private int slot(String field) {
        return slots.computeIfAbsent(field, k -> slots.size());
    }

    // ------------------------------------------------------------------ routing tree and buckets

    private Object build(RoutePlanner.Plan plan) {
        if (plan instanceof RoutePlanner.LeafPlan leaf) {
            return bucket(leaf.rules());
        }
        RoutePlanner.RoutePlan r = (RoutePlanner.RoutePlan) plan;
        Object[] targets = new Object[r.children().size()];
        long[] numbers = new long[r.numeric() ? targets.length : 0];
        List<String> texts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<RoutePlanner.Key, RoutePlanner.Plan> e : r.children().entrySet()) {
            if (r.numeric()) {
                numbers[i] = e.getKey().number();
            } else {
                texts.add(e.getKey().text());
            }
            targets[i++] = build(e.getValue());
        }
        return new Route(slot(r.field()), r.numeric(), numbers, r.numeric() ? null : new TextKeys(texts), targets,
                build(r.other()), build(r.any()));
    }

    private Bucket bucket(int[] rules) {
        IntArrayKey key = new IntArrayKey(rules);
        Bucket b = buckets.get(key);
        if (b == null) {
            long[] members = new long[(ruleCount + 63) >>> 6];
            int[] always = new int[rules.length];
            int alwaysCount = 0;
            BitSet slotsToScan = new BitSet();
            java.util.TreeSet<Integer> keywordPredicates = new java.util.TreeSet<>();
            for (int r : rules) {
                members[r >>> 6] |= 1L << r;
                RulePlan plan = rulePlans.get(r);
                if (plan.triggers.isEmpty()) {
                    always[alwaysCount++] = r;
                }
                for (int slot : plan.slots) {
                    slotsToScan.set(slot);
                }
                keywordPredicates.addAll(plan.keywordPredicates);
            }
            b = new Bucket(rules, members, Arrays.copyOf(always, alwaysCount), slotsToScan.stream().toArray(),
                    keywordScan(keywordPredicates));
            buckets.put(key, b);
        }
        return b;
    }

    /**
     * The keyword scan for a bucket: only the keyword literals of the bucket's rules, so that a bucket whose
     * keyword rules have only long literals gets a {@link io.sigmaengine.engine.program.SkipScanner}. Buckets with
     * the same keyword predicates share one scan.
     */
    private FieldScan keywordScan(java.util.SortedSet<Integer> predicates) {
        if (predicates.isEmpty()) {
            return null;
        }
        return keywordScans.computeIfAbsent(List.copyOf(predicates), k -> {
            ScanBuilder all = scanBuilders.get(-1);
            ScanBuilder subset = new ScanBuilder();
            for (Map.Entry<Object, Action> e : all.actions.entrySet()) {
                if (predicates.contains(e.getValue().predicate)) {
                    subset.actions.put(e.getKey(), e.getValue());
                }
            }
            return subset.build(-1);
        });
    }

    /** An int array usable as a map key. */
    private record IntArrayKey(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntArrayKey k && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** What a rule needs from the scans: its trigger predicates, and the fields its scanned predicates live in. */
    private static final class RulePlan {
        final List<Predicate> triggers;
        final java.util.Set<Integer> scanSlots = new java.util.HashSet<>();
        /** Ids of the rule's keyword predicates (scanned in every value of the event). */
        final java.util.Set<Integer> keywordPredicates = new java.util.HashSet<>();
        int[] slots;

        RulePlan(List<Predicate> triggers) {
            this.triggers = triggers;
        }
    }

    /** Plans every rule and registers its scanned predicates and triggers in the per-field scans. */
    private void planScans() {
        for (Map.Entry<Integer, Node> e : roots.entrySet()) {
            int r = e.getKey();
            RulePlan plan = new RulePlan(triggers.triggers(e.getValue()));
            for (Predicate p : leaves(e.getValue())) {
                if (scanned(p)) {
                    scan(p, plan).action(p);
                }
            }
            for (Predicate t : plan.triggers) {
                scan(t, plan).action(t).triggers.add(r);
            }
            plan.slots = plan.scanSlots.stream().mapToInt(Integer::intValue).sorted().toArray();
            rulePlans.put(r, plan);
        }
        // Every field value is also an event value, so the scans of fields with many literals (where long values
        // live: command lines, script blocks, paths) look for the keyword literals too, and the keyword scan then
        // skips the values those scans already read (see ProgramMachine). Small automata are left small.
        ScanBuilder keywords = scanBuilders.get(-1);
        if (keywords != null) {
            for (Map.Entry<Integer, ScanBuilder> e : scanBuilders.entrySet()) {
                if (e.getKey() >= 0 && e.getValue().literalCount() >= KEYWORD_MERGE_MIN_LITERALS) {
                    e.getValue().addAll(keywords);
                    e.getValue().includesKeywords = true;
                }
            }
        }
    }

    private ScanBuilder scan(Predicate p, RulePlan plan) {
        int slot = p.field() == null ? -1 : slot(p.field());
        if (slot < 0) {
            plan.keywordPredicates.add(predicateIds.get(p));
        } else {
            plan.scanSlots.add(slot);
        }
        return scanBuilders.computeIfAbsent(slot, k -> new ScanBuilder());
    }

    /** The actions of one field scan, keyed by literal or number. */
    private final class ScanBuilder {
        private final Map<Object, Action> actions = new LinkedHashMap<>();

        boolean includesKeywords;

        long literalCount() {
            return actions.values().stream().filter(a -> a.literal != null).count();
        }

        /** Adds another scan's literal actions (sharing their trigger lists). */
        void addAll(ScanBuilder other) {
            for (Map.Entry<Object, Action> e : other.actions.entrySet()) {
                actions.putIfAbsent(e.getKey(), e.getValue());
            }
        }

        Action action(Predicate p) {
            Object key = p.kind() == Predicate.Kind.NUMBER_EQUALS ? (Object) p.number() : p;
            return actions.computeIfAbsent(key, k -> new Action(predicateIds.get(p), position(p),
                    p.kind() == Predicate.Kind.NUMBER_EQUALS ? null : p.literal(),
                    p.kind() == Predicate.Kind.NUMBER_EQUALS ? p.number() : 0));
        }

        FieldScan build(int slot) {
            Map<String, List<Action>> byLiteral = new LinkedHashMap<>();
            TreeMap<Long, List<Action>> byNumber = new TreeMap<>();
            for (Action a : actions.values()) {
                if (a.literal != null) {
                    byLiteral.computeIfAbsent(a.literal, k -> new ArrayList<>()).add(a);
                } else {
                    byNumber.computeIfAbsent(a.number, k -> new ArrayList<>()).add(a);
                }
            }
            List<Action> ordered = new ArrayList<>();
            int[] patternActions = new int[byLiteral.size() + 1];
            int p = 0;
            for (List<Action> as : byLiteral.values()) {
                patternActions[p++] = ordered.size();
                ordered.addAll(as);
            }
            patternActions[p] = ordered.size();
            long[] numbers = new long[byNumber.size()];
            int[] numberActions = new int[byNumber.size() + 1];
            int k = 0;
            for (Map.Entry<Long, List<Action>> e : byNumber.entrySet()) {
                numbers[k] = e.getKey();
                numberActions[k++] = ordered.size();
                ordered.addAll(e.getValue());
            }
            numberActions[k] = ordered.size();
            int[] predicate = new int[ordered.size()];
            byte[] position = new byte[ordered.size()];
            int[] actionTriggers = new int[ordered.size() + 1];
            List<Integer> trig = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Action a = ordered.get(i);
                predicate[i] = a.predicate;
                position[i] = a.position;
                actionTriggers[i] = trig.size();
                a.triggers.stream().distinct().sorted().forEach(trig::add);
            }
            actionTriggers[ordered.size()] = trig.size();
            List<String> literals = new ArrayList<>(byLiteral.keySet());
            Automaton automaton = literals.isEmpty() ? null : Automaton.build(literals);
            SkipScanner skip = literals.isEmpty() ? null : SkipScanner.build(literals);
            boolean scansIntegers = literals.stream()
                    .anyMatch(l -> l.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9'));
            return new FieldScan(slot, automaton, skip, scansIntegers, includesKeywords, patternActions, numbers,
                    numberActions, predicate, position, actionTriggers,
                    trig.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** One action of a scan under construction. */
    private static final class Action {
        final int predicate;
        final byte position;
        final String literal;
        final long number;
        final List<Integer> triggers = new ArrayList<>();

        Action(int predicate, byte position, String literal, long number) {
            this.predicate = predicate;
            this.position = position;
            this.literal = literal;
            this.number = number;
        }
    }

    private static byte position(Predicate p) {
        return switch (p.kind()) {
            case EQUALS -> FieldScan.WHOLE;
            case STARTS_WITH -> FieldScan.PREFIX;
            case ENDS_WITH -> FieldScan.SUFFIX;
            default -> FieldScan.ANYWHERE;
        };
    }

    private static List<Predicate> leaves(Node root) {
        List<Predicate> out = new ArrayList<>();
        collect(root, out, new IdentityHashMap<>());
        return out;
    }

    private static void collect(Node n, List<Predicate> out, Map<Node, Boolean> seen) {
        if (seen.put(n, Boolean.TRUE) != null) {
            return;
        }
        if (n instanceof Node.Leaf l) {
            out.add(l.predicate());
        } else if (n instanceof Node.Not not) {
            collect(not.operand(), out, seen);
        } else if (n instanceof Node.And a) {
            a.operands().forEach(x -> collect(x, out, seen));
        } else if (n instanceof Node.Or o) {
            o.operands().forEach(x -> collect(x, out, seen));
        }
    }

    // ------------------------------------------------------------------ code generation

    /**
     * Emits branch code: each leaf is {@code [predicate, ifTrue, ifFalse]}; AND chains jump to the next operand on
     * true and to the AND's false target on false, OR the other way round, NOT swaps targets. Operands are
     * ordered: cheapest first, then (for AND) least likely true / (for OR) most likely true.
     */
    private final class CodeGenerator {
        /** Forward labels are negative numbers below the verdicts, one per AND/OR operand, patched when known. */
        private int nextLabel = -3;
        private int[] code = new int[48];
        private int size;

        int[] emit(Node root) {
            if (root instanceof Node.Const c) {
                return c.value() ? new int[0] : null; // empty code: matches every event
            }
            emit(root, Program.ACCEPT, Program.REJECT);
            return Arrays.copyOf(code, size);
        }

        private void emit(Node n, int ifTrue, int ifFalse) {
            if (n instanceof Node.Leaf l) {
                ensure(3);
                code[size++] = predicateIds.get(l.predicate());
                code[size++] = ifTrue;
                code[size++] = ifFalse;
            } else if (n instanceof Node.Not not) {
                emit(not.operand(), ifFalse, ifTrue);
            } else if (n instanceof Node.Const c) {
                throw new IllegalStateException("constants are folded before code generation: " + c);
            } else {
                boolean and = n instanceof Node.And;
                List<Node> ops = new ArrayList<>(and ? ((Node.And) n).operands() : ((Node.Or) n).operands());
                ops.sort(Comparator.<Node>comparingDouble(estimates::cost)
                        .thenComparingDouble(x -> and ? estimates.probability(x) : -estimates.probability(x)));
                for (int i = 0; i < ops.size(); i++) {
                    boolean last = i == ops.size() - 1;
                    int start = size;
                    int next = last ? 0 : nextLabel--;
                    if (and) {
                        emit(ops.get(i), last ? ifTrue : next, ifFalse);
                    } else {
                        emit(ops.get(i), ifTrue, last ? ifFalse : next);
                    }
                    if (!last) {
                        for (int k = start; k < size; k += 3) {
                            if (code[k + 1] == next) {
                                code[k + 1] = size;
                            }
                            if (code[k + 2] == next) {
                                code[k + 2] = size;
                            }
                        }
                    }
                }
            }
        }

        private void ensure(int extra) {
            if (size + extra > code.length) {
                code = Arrays.copyOf(code, Math.max(code.length * 2, size + extra));
            }
        }
    }
}
