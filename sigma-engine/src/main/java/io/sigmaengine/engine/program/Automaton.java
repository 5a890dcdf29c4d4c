package io.sigmaengine.engine.program;

import io.sigmaengine.engine.match.CaseFold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over case-folded text: one pass over a value reports every occurrence of every pattern.
 *
 * <p>Layout, chosen for scanning speed with a bounded memory: the states near the root, where a scan spends most
 * of its time, have dense transition rows over a compressed alphabet (the characters that occur in patterns; all
 * other characters lead back to the root), with failure transitions already resolved, so a step is two array
 * reads. Deeper states keep their few edges in sorted arrays and fall back along failure links to a dense state.
 * Construction is linear in the total pattern length.
 */
public final class Automaton {

    /**
     * Budget of the dense table, in entries (4 bytes each): the shallowest states get dense rows until it is spent.
     * A scan spends most of its time near the root, and a table this size stays in the core's cache.
     */
    private static final int DENSE_BUDGET = 64 * 1024;

    /** Receives the end position (exclusive) of each occurrence. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    private final int[] patternLength;
    /** Alphabet class of each char below 256 (0 = not in any pattern). */
    private final int[] lowClass;
    /** Class of the case-folded form of each ASCII char, so raw ASCII text needs no separate folding step. */
    private final int[] asciiFoldedClass;
    /** Chars from 256 up that occur in patterns, sorted, and their classes. */
    private final char[] highChars;
    private final int[] highClass;
    private final int classes;
    /**
     * States {@code 0 .. denseStates-1} are dense: {@code dense[s * classes + class]} encodes the next state t.
     * If t is dense the entry is t's row offset {@code t * classes}, with {@link #OUTPUT} set when patterns end at
     * t; if t is sparse the entry is {@code ~t} (negative). Row offsets instead of state numbers keep a multiply
     * off the scan's critical path, and the flag saves a second table lookup per character.
     */
    private final int denseStates;
    private final int[] dense;

    private static final int OUTPUT = 1 << 30;
    /** Sparse edges of every state, sorted by char: {@code [edgeStart[s], edgeStart[s + 1])}. */
    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] fail;
    /** The first state on the dictionary-suffix chain that ends a pattern (itself included), or -1. */
    private final int[] firstOutput;
    /** The next state on that chain that ends a pattern, or -1. */
    private final int[] nextOutput;
    /** The pattern ending at a state, or -1. */
    private final int[] patternAt;

    private Automaton(int[] patternLength, int[] lowClass, char[] highChars, int[] highClass, int classes,
                      int denseStates, int[] dense, int[] edgeStart, char[] edgeChar, int[] edgeTarget, int[] fail,
                      int[] firstOutput, int[] nextOutput, int[] patternAt) {
        this.patternLength = patternLength;
        this.lowClass = lowClass;
        this.asciiFoldedClass = new int[128];
        for (char c = 0; c < 128; c++) {
            asciiFoldedClass[c] = lowClass[CaseFold.fold(c)];
        }
        this.highChars = highChars;
        this.highClass = highClass;
        this.classes = classes;
        this.denseStates = denseStates;
        this.dense = dense;
        this.edgeStart = edgeStart;
        this.edgeChar = edgeChar;
        this.edgeTarget = edgeTarget;
        this.fail = fail;
        this.firstOutput = firstOutput;
        this.nextOutput = nextOutput;
        this.patternAt = patternAt;
    }

    /** Builds an automaton for distinct, non-empty patterns; pattern {@code i} is reported as {@code i}. */
    public static Automaton build(List<String> patterns) {
        int n = patterns.size();
        Integer[] order = new Integer[n];
        long totalChars = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (patterns.get(i).isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            totalChars += patterns.get(i).length();
        }
        Arrays.sort(order, (a, b) -> patterns.get(a).compareTo(patterns.get(b)));

        // Trie from the sorted patterns: each pattern shares its common prefix with the previous one, and the
        // children of every state are created in ascending char order.
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, totalChars + 1);
        int[] parent = new int[cap];
        char[] label = new char[cap];
        int[] patternAt = new int[cap];
        Arrays.fill(patternAt, -1);
        int states = 1;
        parent[0] = -1;
        int[] path = new int[1];
        String prev = "";
        for (int k = 0; k < n; k++) {
            int p = order[k];
            String s = patterns.get(p);
            if (s.equals(prev)) {
                throw new IllegalArgumentException("duplicate pattern: " + s);
            }
            int common = commonPrefix(prev, s);
            if (path.length < s.length() + 1) {
                path = Arrays.copyOf(path, Math.max(path.length * 2, s.length() + 1));
            }
            int state = path[common];
            for (int i = common; i < s.length(); i++) {
                int t = states++;
                parent[t] = state;
                label[t] = s.charAt(i);
                path[i + 1] = t;
                state = t;
            }
            patternAt[state] = p;
            prev = s;
        }

        // Sparse edges (CSR by parent; children already ascending by char within a parent).
        int[] edgeStart = new int[states + 1];
        for (int t = 1; t < states; t++) {
            edgeStart[parent[t] + 1]++;
        }
        for (int s = 0; s < states; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        char[] edgeChar = new char[states - 1];
        int[] edgeTarget = new int[states - 1];
        int[] fill = Arrays.copyOf(edgeStart, states);
        for (int t = 1; t < states; t++) {
            int e = fill[parent[t]]++;
            edgeChar[e] = label[t];
            edgeTarget[e] = t;
        }

        // Alphabet classes.
        boolean[] low = new boolean[256];
        List<Character> high = new ArrayList<>();
        for (int t = 1; t < states; t++) {
            char c = label[t];
            if (c < 256) {
                low[c] = true;
            } else {
                high.add(c);
            }
        }
        int[] lowClass = new int[256];
        int classes = 1;
        for (int c = 0; c < 256; c++) {
            if (low[c]) {
                lowClass[c] = classes++;
            }
        }
        char[] highChars = high.stream().distinct().sorted().map(String::valueOf).reduce("", String::concat)
                .toCharArray();
        int[] highClass = new int[highChars.length];
        for (int i = 0; i < highChars.length; i++) {
            highClass[i] = classes++;
        }

        // Breadth-first order: failure links, output chains, and which states get dense rows.
        int[] bfs = new int[states];
        int head = 0;
        int tail = 0;
        bfs[tail++] = 0;
        int[] fail = new int[states];
        int[] firstOutput = new int[states];
        int[] nextOutput = new int[states];
        firstOutput[0] = -1;
        nextOutput[0] = -1;
        while (head < tail) {
            int s = bfs[head++];
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                int t = edgeTarget[e];
                char c = edgeChar[e];
                int f = s == 0 ? -1 : fail[s];
                int target = 0;
                while (f >= 0) {
                    int next = find(edgeStart, edgeChar, edgeTarget, f, c);
                    if (next >= 0) {
                        target = next;
                        break;
                    }
                    f = f == 0 ? -1 : fail[f];
                }
                fail[t] = target;
                nextOutput[t] = firstOutput[target];
                firstOutput[t] = patternAt[t] >= 0 ? t : nextOutput[t];
                bfs[tail++] = t;
            }
        }
        // Dense rows for the shallowest states (BFS order is by depth), as many as the budget allows.
        int denseStates = Math.max(1, Math.min(states, DENSE_BUDGET / classes));
        // Renumber states so that dense ones come first: BFS order does exactly that.
        int[] newId = new int[states];
        for (int i = 0; i < states; i++) {
            newId[bfs[i]] = i;
        }
        int[] lengths = new int[n];
        for (int p = 0; p < n; p++) {
            lengths[p] = patterns.get(p).length();
        }
        return renumbered(lengths, lowClass, highChars, highClass, classes, newId, bfs, states, denseStates,
                edgeStart, edgeChar, edgeTarget, fail, firstOutput, nextOutput, patternAt);
    }

    /** Renumbers states in BFS order and fills the dense rows of the first {@code denseStates} states. */
    private static Automaton renumbered(int[] lengths, int[] lowClass, char[] highChars, int[] highClass,
                                        int classes, int[] newId, int[] bfs, int states, int denseStates,
                                        int[] edgeStart, char[] edgeChar, int[] edgeTarget, int[] fail,
                                        int[] firstOutput, int[] nextOutput, int[] patternAt) {
        int[] es = new int[states + 1];
        char[] ec = new char[edgeChar.length];
        int[] et = new int[edgeTarget.length];
        int[] fl = new int[states];
        int[] fo = new int[states];
        int[] no = new int[states];
        int[] pa = new int[states];
        int e = 0;
        for (int i = 0; i < states; i++) {
            int old = bfs[i];
            es[i] = e;
            for (int k = edgeStart[old]; k < edgeStart[old + 1]; k++) {
                ec[e] = edgeChar[k];
                et[e] = newId[edgeTarget[k]];
                e++;
            }
            fl[i] = newId[fail[old]];
            fo[i] = firstOutput[old] < 0 ? -1 : newId[firstOutput[old]];
            no[i] = nextOutput[old] < 0 ? -1 : newId[nextOutput[old]];
            pa[i] = patternAt[old];
        }
        es[states] = e;
        int[] next = new int[denseStates * classes];
        // Row of the root: its edges, everything else stays at the root.
        for (int s = 0; s < denseStates; s++) {
            int base = s * classes;
            if (s != 0) {
                System.arraycopy(next, fl[s] * classes, next, base, classes); // resolved failure transitions
            }
            for (int k = es[s]; k < es[s + 1]; k++) {
                next[base + classOf(lowClass, highChars, highClass, ec[k])] = et[k];
            }
        }
        int[] dense = new int[next.length];
        for (int i = 0; i < next.length; i++) {
            int t = next[i];
            dense[i] = t >= denseStates ? ~t : t * classes | (fo[t] >= 0 ? OUTPUT : 0);
        }
        return new Automaton(lengths, lowClass, highChars, highClass, classes, denseStates, dense, es, ec, et, fl,
                fo, no, pa);
    }

    private int classOf(char c) {
        return classOf(lowClass, highChars, highClass, c);
    }

    private static int classOf(int[] lowClass, char[] highChars, int[] highClass, char c) {
        if (c < 256) {
            return lowClass[c];
        }
        int i = Arrays.binarySearch(highChars, c);
        return i >= 0 ? highClass[i] : 0;
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int find(int[] edgeStart, char[] edgeChar, int[] edgeTarget, int state, char c) {
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    public int patternCount() {
        return patternLength.length;
    }

    public int patternLength(int pattern) {
        return patternLength[pattern];
    }

    public int stateCount() {
        return fail.length;
    }

    /** Scans {@code text[0, length)} (already folded) and reports every occurrence of every pattern. */
    public void scan(char[] text, int length, Hits hits) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            state = step(state, text[i]);
            if (firstOutput[state] >= 0) {
                report(state, i + 1, hits);
            }
        }
    }

    /**
     * Scans the case-folded form of raw (not yet folded) text {@code text[0, length)}, folding each character on
     * the fly, and reports every occurrence of every pattern; folding does not change positions. ASCII characters,
     * the common case, take one table lookup for folding and classifying together.
     */
    public void scanRaw(char[] text, int length, Hits hits) {
        final int[] ascii = asciiFoldedClass;
        final int[] d = dense;
        final int nc = classes;
        int row = 0; // row offset of the current state while it is dense, else -1
        int state = 0; // the current state while it is sparse
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c < 128 && row >= 0) {
                int e = d[row + ascii[c]];
                if (e >= 0) {
                    if ((e & OUTPUT) == 0) {
                        row = e;
                    } else {
                        row = e ^ OUTPUT;
                        report(row / nc, i + 1, hits);
                    }
                    continue;
                }
                state = ~e;
                row = -1;
            } else {
                int s = row >= 0 ? row / nc : state;
                if (c >= 128 && Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(text[i + 1])) {
                    // A supplementary code point folds as a whole (and stays two chars long).
                    int cp = CaseFold.foldCodePoint(Character.toCodePoint(c, text[i + 1]));
                    s = step(s, Character.highSurrogate(cp));
                    if (firstOutput[s] >= 0) {
                        report(s, i + 1, hits);
                    }
                    c = Character.lowSurrogate(cp);
                    i++;
                } else {
                    c = CaseFold.fold(c);
                }
                s = step(s, c);
                if (s < denseStates) {
                    row = s * nc;
                } else {
                    row = -1;
                    state = s;
                }
                state = s;
            }
            if (firstOutput[state] >= 0) {
                report(state, i + 1, hits);
            }
        }
    }

    private int step(int state, char c) {
        if (state < denseStates) {
            return decode(dense[state * classes + (c < 256 ? lowClass[c] : classOf(c))]);
        }
        // Deep state: follow its own edges, else fall back along failure links to a dense state.
        while (true) {
            int next = find(edgeStart, edgeChar, edgeTarget, state, c);
            if (next >= 0) {
                return next;
            }
            state = fail[state];
            if (state < denseStates) {
                return decode(dense[state * classes + (c < 256 ? lowClass[c] : classOf(c))]);
            }
        }
    }

    private int decode(int entry) {
        return entry < 0 ? ~entry : (entry & ~OUTPUT) / classes;
    }

    private void report(int state, int end, Hits hits) {
        for (int o = firstOutput[state]; o >= 0; o = nextOutput[o]) {
            hits.hit(patternAt[o], end);
        }
    }

    /** Approximate retained size in bytes, for memory reports. */
    public long sizeInBytes() {
        return 64L + 4L * lowClass.length + 2L * highChars.length + 4L * highClass.length + 4L * dense.length
                + 4L * edgeStart.length + 2L * edgeChar.length + 4L * edgeTarget.length + 4L * fail.length
                + 12L * firstOutput.length + 4L * patternLength.length;
    }
}
