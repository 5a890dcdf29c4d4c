package io.sigmaengine.engine.regex;

import java.util.Arrays;

/**
 * Advances a set of NFA threads by one character. The lazy DFA caches what this computes; when its cache is full,
 * it runs this directly (plain NFA simulation, still linear). A thread set holds "leaves": {@link Nfa#CHARS} and
 * {@link Nfa#MATCH} instructions, and {@link Nfa#ASSERT}s still waiting for the next character, which decides
 * whether they hold. Owns scratch space, so one user at a time.
 */
final class NfaStepper {

    /** Results of {@link #step}. */
    static final int CONTINUE = 0;
    static final int MATCH = 1;
    static final int DEAD = 2;

    /** The class argument of {@link #step} for the end of the text. */
    static final int END = -1;

    private final Nfa nfa;
    private final Alphabet alphabet;
    /** Whether every thread must start at the beginning of the text, so no new one starts later. */
    private final boolean anchored;
    /** Whether some assertion looks at the character before its position. */
    private final boolean looksBehind;
    private final SparseSet resolved;
    private final int[] stack;

    NfaStepper(Nfa nfa, Alphabet alphabet) {
        this.nfa = nfa;
        this.alphabet = alphabet;
        this.resolved = new SparseSet(nfa.size());
        this.stack = new int[2 * nfa.size() + 1]; // one push per edge (two per instruction) plus the root
        start(resolved);
        boolean onlyBeginText = true;
        for (int i = 0; i < resolved.size(); i++) {
            int pc = resolved.get(i);
            if (isLeaf(pc) && (nfa.op[pc] != Nfa.ASSERT || (nfa.arg[pc] & Context.BEGIN_TEXT) == 0)) {
                onlyBeginText = false;
            }
        }
        this.anchored = onlyBeginText;
        boolean behind = false;
        for (int pc = 0; pc < nfa.size(); pc++) {
            behind |= nfa.op[pc] == Nfa.ASSERT && (nfa.arg[pc] & Context.LOOKS_BEHIND) != 0;
        }
        this.looksBehind = behind;
    }

    /** Fills {@code set} with the threads at the start of the text. */
    void start(SparseSet set) {
        set.clear();
        close(nfa.start, set);
    }

    /**
     * Moves the threads of {@code from}, which follow a character of kind {@code before}, over a character of
     * class {@code cls} (or the end of the text, {@link #END}). Returns {@link #MATCH} if some thread matches before
     * or right after that character, {@link #DEAD} if no thread survives, else {@link #CONTINUE} with the
     * survivors (and new threads of an unanchored search) in {@code to}.
     */
    int step(SparseSet from, int before, int cls, SparseSet to) {
        int condition = Context.between(before, cls == END ? Context.EDGE : alphabet.kind(cls));
        resolved.clear();
        for (int i = 0; i < from.size(); i++) {
            int pc = from.get(i);
            if (isLeaf(pc) && resolve(pc, condition)) {
                return MATCH;
            }
        }
        if (cls == END) {
            return DEAD;
        }
        to.clear();
        for (int i = 0; i < resolved.size(); i++) {
            int pc = resolved.get(i);
            if (nfa.op[pc] == Nfa.CHARS && alphabet.contains(nfa.arg[pc], cls)) {
                close(nfa.out[pc], to);
            }
        }
        if (!anchored) {
            close(nfa.start, to);
        }
        boolean alive = false;
        for (int i = 0; i < to.size(); i++) {
            int pc = to.get(i);
            if (nfa.op[pc] == Nfa.MATCH) {
                return MATCH;
            }
            alive |= isLeaf(pc);
        }
        return alive ? CONTINUE : DEAD;
    }

    /** The leaves of {@code set}, sorted: with {@link #relevantKind}, the identity of a DFA state. */
    int[] leaves(SparseSet set) {
        int[] out = new int[set.size()];
        int n = 0;
        for (int i = 0; i < set.size(); i++) {
            if (isLeaf(set.get(i))) {
                out[n++] = set.get(i);
            }
        }
        int[] leaves = Arrays.copyOf(out, n);
        Arrays.sort(leaves);
        return leaves;
    }

    /**
     * {@code kind} if {@code set} waits on an assertion and the pattern has assertions that look at the character
     * before (a waiting {@code $} may lead to a {@code ^}), else one fixed kind, so that states differing only in a
     * detail nothing observes are one DFA state.
     */
    int relevantKind(SparseSet set, int kind) {
        if (looksBehind) {
            for (int i = 0; i < set.size(); i++) {
                if (nfa.op[set.get(i)] == Nfa.ASSERT) {
                    return kind;
                }
            }
        }
        return Context.OTHER;
    }

    private boolean isLeaf(int pc) {
        byte op = nfa.op[pc];
        return op == Nfa.CHARS || op == Nfa.MATCH || op == Nfa.ASSERT;
    }

    /** Follows {@code pc} into {@link #resolved} with the assertions decided; returns whether it reaches a match. */
    private boolean resolve(int pc, int condition) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int p = stack[--top];
            if (!resolved.add(p)) {
                continue;
            }
            switch (nfa.op[p]) {
                case Nfa.MATCH -> {
                    return true;
                }
                case Nfa.SPLIT -> {
                    stack[top++] = nfa.arg[p];
                    stack[top++] = nfa.out[p];
                }
                case Nfa.EPSILON -> stack[top++] = nfa.out[p];
                case Nfa.ASSERT -> {
                    if ((nfa.arg[p] & ~condition) == 0) {
                        stack[top++] = nfa.out[p];
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Follows {@code pc} into {@code set} up to the leaves, without deciding assertions. */
    private void close(int pc, SparseSet set) {
        int top = 0;
        stack[top++] = pc;
        while (top > 0) {
            int p = stack[--top];
            if (!set.add(p)) {
                continue;
            }
            if (nfa.op[p] == Nfa.SPLIT) {
                stack[top++] = nfa.arg[p];
                stack[top++] = nfa.out[p];
            } else if (nfa.op[p] == Nfa.EPSILON) {
                stack[top++] = nfa.out[p];
            }
        }
    }
}
