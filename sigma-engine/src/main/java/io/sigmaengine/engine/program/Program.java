package io.sigmaengine.engine.program;

import io.sigmaengine.engine.match.ValueTest;

/**
 * A compiled rule set: predicates, per-rule branch code, one {@link FieldScan} per field, and the routing tree whose
 * leaves are {@link Bucket}s.
 * Immutable after construction and shared by every thread; the arrays are exposed for the machine that runs them
 * and must not be modified.
 *
 * <p>Rule code is a sequence of instructions of three ints {@code [predicate, ifTrue, ifFalse]}; the targets are
 * instruction offsets, or {@link #ACCEPT} / {@link #REJECT}. Running it is a loop: test the predicate, jump.
 */
public final class Program {

    /** Jump target: the rule matches. */
    public static final int ACCEPT = -1;
    /** Jump target: the rule does not match. */
    public static final int REJECT = -2;

    /** Predicate mode: decided while scanning its field (true if a scan set it this event, else false). */
    public static final byte SCANNED = 0;
    /** Predicate mode: decided by its {@link ValueTest} the first time a rule needs it in an event. */
    public static final byte EVALUATED = 1;

    /** Field names by slot. */
    public final String[] fields;
    /** Per predicate: {@link #SCANNED} or {@link #EVALUATED}. */
    public final byte[] predicateMode;
    /** Per predicate: its field slot, or -1 for a keyword predicate. */
    public final int[] predicateSlot;
    /** Per predicate: its exact semantics. */
    public final ValueTest[] predicateTest;
    /** Per rule: its code ({@code null} if the rule can never match, empty if it matches every event). */
    public final int[][] code;
    /** The root of the routing tree: a {@link Route} or a {@link Bucket}. */
    public final Object root;
    /** Per field slot: what to look for in that field ({@code null} if nothing). */
    public final FieldScan[] scans;

    public Program(String[] fields, byte[] predicateMode, int[] predicateSlot, ValueTest[] predicateTest,
                   int[][] code, Object root, FieldScan[] scans) {
        this.fields = fields;
        this.predicateMode = predicateMode;
        this.predicateSlot = predicateSlot;
        this.predicateTest = predicateTest;
        this.code = code;
        this.root = root;
        this.scans = scans;
    }

    public int ruleCount() {
        return code.length;
    }

    public int predicateCount() {
        return predicateMode.length;
    }

    /** A readable description of a predicate, for debugging. */
    public String describe(int predicate) {
        int s = predicateSlot[predicate];
        return (s < 0 ? "<keywords>" : fields[s]) + " " + predicateTest[predicate].describe();
    }
}
