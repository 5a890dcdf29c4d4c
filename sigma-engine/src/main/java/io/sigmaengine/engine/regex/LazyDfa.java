package io.sigmaengine.engine.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unanchored search with a DFA whose states (sets of NFA threads, plus the kind of the previous character when an
 * assertion needs it) are built on first use and shared by all threads.
 *
 * <p>The transition table is one {@code int[]}: row 0 holds the start state in its first cell, every other row is
 * a state with one cell per alphabet class and a last cell for the end of the text. A cell holds a row offset,
 * {@link #MATCH}, {@link #DEAD} or {@link #UNKNOWN}. Readers never lock: they read the array once from a volatile
 * field, and every value they can see in it (written before or after they read it) is a row of that same array,
 * because rows are only appended, arrays only grow, and a cell is written, under the lock, into the current array
 * only after its target row exists there. Writers hold the lock. When a new state would take the cache over its
 * memory bound, the call continues as an NFA simulation instead (still linear, but allocating).
 */
final class LazyDfa {

    private static final int UNKNOWN = 0;
    private static final int MATCH = -1;
    private static final int DEAD = -2;
    /** Not a cell value: the state did not fit in the cache. */
    private static final int OVERFLOW = -3;
    /** Rough bytes per state besides its row and its runs (state object, array header, map entry). */
    private static final int STATE_OVERHEAD = 96;

    /**
     * One DFA state: its sorted NFA leaves as runs of consecutive instructions ({@code first, count, ...}; Thompson
     * programs put a counted repetition's copies side by side, so {@code .{1000}} needs one run, not 1000
     * numbers), and the kind of the character before, as far as assertions care.
     */
    private static final class State {
        final int[] runs;
        final int kind;

        State(int[] sortedLeaves, int kind) {
            int[] r = new int[2 * sortedLeaves.length];
            int n = 0;
            for (int pc : sortedLeaves) {
                if (n > 0 && r[n - 2] + r[n - 1] == pc) {
                    r[n - 1]++;
                } else {
                    r[n++] = pc;
                    r[n++] = 1;
                }
            }
            this.runs = Arrays.copyOf(r, n);
            this.kind = kind;
        }

        void load(SparseSet set) {
            set.clear();
            for (int i = 0; i < runs.length; i += 2) {
                for (int pc = runs[i]; pc < runs[i] + runs[i + 1]; pc++) {
                    set.add(pc);
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.kind == kind && Arrays.equals(s.runs, runs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(runs) * 31 + kind;
        }
    }

    private final Nfa nfa;
    private final Alphabet alphabet;
    private final int[] ascii;
    private final int stride;
    private final int endColumn;
    private final long maxBytes;
    /**
     * The character every match starts with, or -1. In the start state nothing else leads anywhere, so the search
     * skips to its next occurrence with {@link String#indexOf(int, int)} (vectorized) instead of stepping.
     */
    private final int firstChar;
    private volatile int[] table;

    // Guarded by this.
    private final Map<State, Integer> rows = new HashMap<>();
    private final List<State> states = new ArrayList<>();
    private final NfaStepper stepper;
    private final SparseSet from;
    private final SparseSet to;
    private long stateBytes;

    LazyDfa(Nfa nfa, long maxBytes) {
        this.nfa = nfa;
        this.alphabet = new Alphabet(nfa.sets);
        this.ascii = alphabet.asciiClasses();
        this.endColumn = alphabet.size;
        this.stride = alphabet.size + 1;
        this.maxBytes = maxBytes;
        this.table = new int[stride * 4];
        this.stepper = new NfaStepper(nfa, alphabet);
        this.from = new SparseSet(nfa.size());
        this.to = new SparseSet(nfa.size());
        stepper.start(to);
        int[] leaves = stepper.leaves(to);
        int first = leaves.length == 1 && nfa.op[leaves[0]] == Nfa.CHARS ? nfa.sets[nfa.arg[leaves[0]]].single() : -1;
        this.firstChar = first < Character.MIN_SUPPLEMENTARY_CODE_POINT && !Character.isSurrogate((char) first)
                ? first : -1;
    }

    boolean matches(CharSequence text) {
        int[] t = table;
        int s = t[0];
        if (s <= 0) {
            if (s == UNKNOWN) {
                s = startRow();
                t = table;
                if (s == OVERFLOW) {
                    return simulateFromStart(text);
                }
            }
            if (s == MATCH) {
                return true;
            }
        }
        int[] ascii = this.ascii;
        int skipFrom = firstChar >= 0 ? s : -1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (s == skipFrom && (i = indexOf(text, firstChar, i)) < 0) {
                break;
            }
            char c = text.charAt(i++);
            int cls;
            if (c < 128) {
                cls = ascii[c];
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
                    cp = Character.toCodePoint(c, text.charAt(i++));
                }
                cls = alphabet.classOf(cp);
            }
            int next = t[s + cls];
            if (next <= 0) {
                if (next == UNKNOWN) {
                    next = transition(s, cls);
                    t = table;
                    if (next == OVERFLOW) {
                        return simulate(text, i, s, cls);
                    }
                }
                if (next == MATCH) {
                    return true;
                }
                if (next == DEAD) {
                    return false;
                }
            }
            s = next;
        }
        int end = t[s + endColumn];
        return (end == UNKNOWN ? transition(s, NfaStepper.END) : end) == MATCH;
    }

    private static int indexOf(CharSequence text, int c, int from) {
        if (text instanceof String s) {
            return s.indexOf(c, from);
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private synchronized int startRow() {
        if (table[0] != UNKNOWN) {
            return table[0];
        }
        stepper.start(to);
        int cell = hasMatch(to) ? MATCH : intern(stepper.leaves(to), stepper.relevantKind(to, Context.EDGE));
        if (cell != OVERFLOW) {
            table[0] = cell;
        }
        return cell;
    }

    /** The cell of {@code row} for class {@code cls} ({@link NfaStepper#END} for the end), computing it if needed. */
    private synchronized int transition(int row, int cls) {
        int column = cls == NfaStepper.END ? endColumn : cls;
        int cell = table[row + column];
        if (cell != UNKNOWN) {
            return cell;
        }
        State state = states.get(row / stride - 1);
        state.load(from);
        int r = stepper.step(from, state.kind, cls, to);
        if (r == NfaStepper.MATCH) {
            cell = MATCH;
        } else if (r == NfaStepper.DEAD) {
            cell = DEAD;
        } else {
            cell = intern(stepper.leaves(to), stepper.relevantKind(to, alphabet.kind(cls)));
            if (cell == OVERFLOW) {
                return OVERFLOW;
            }
        }
        table[row + column] = cell;
        return cell;
    }

    /** The row of the state, adding it (and growing the table) if new; {@link #OVERFLOW} if it does not fit. */
    private int intern(int[] leaves, int kind) {
        State state = new State(leaves, kind);
        Integer row = rows.get(state);
        if (row != null) {
            return row;
        }
        long bytes = stateBytes + 4L * state.runs.length + STATE_OVERHEAD;
        int[] t = table;
        int needRows = states.size() + 2;
        if ((long) needRows * stride > t.length) {
            long affordable = (maxBytes - bytes) / (4L * stride);
            long grown = Math.min(Math.max(needRows, 2L * (t.length / stride)), affordable);
            if (grown < needRows) {
                return OVERFLOW;
            }
            table = Arrays.copyOf(t, (int) grown * stride);
        } else if (bytes + 4L * t.length > maxBytes) {
            return OVERFLOW;
        }
        stateBytes = bytes;
        states.add(state);
        int offset = states.size() * stride;
        rows.put(state, offset);
        return offset;
    }

    private boolean hasMatch(SparseSet set) {
        for (int i = 0; i < set.size(); i++) {
            if (nfa.op[set.get(i)] == Nfa.MATCH) {
                return true;
            }
        }
        return false;
    }

    private boolean simulateFromStart(CharSequence text) {
        NfaStepper own = new NfaStepper(nfa, alphabet);
        SparseSet threads = new SparseSet(nfa.size());
        own.start(threads);
        return hasMatch(threads) || run(own, threads, Context.EDGE, text, 0);
    }

    /** Continues a search by NFA simulation from {@code row}, before the character of class {@code cls}. */
    private boolean simulate(CharSequence text, int i, int row, int cls) {
        State state;
        synchronized (this) {
            state = states.get(row / stride - 1);
        }
        SparseSet threads = new SparseSet(nfa.size());
        state.load(threads);
        NfaStepper own = new NfaStepper(nfa, alphabet);
        SparseSet next = new SparseSet(nfa.size());
        int r = own.step(threads, state.kind, cls, next);
        return r == NfaStepper.MATCH || r == NfaStepper.CONTINUE && run(own, next, alphabet.kind(cls), text, i);
    }

    /** NFA simulation of {@code text} from {@code i} with {@code threads} after a character of kind {@code kind}. */
    private boolean run(NfaStepper own, SparseSet threads, int kind, CharSequence text, int i) {
        SparseSet cur = threads;
        SparseSet next = new SparseSet(nfa.size());
        int n = text.length();
        while (true) {
            int cls = NfaStepper.END;
            if (i < n) {
                int cp = Character.codePointAt(text, i);
                i += Character.charCount(cp);
                cls = alphabet.classOf(cp);
            }
            int r = own.step(cur, kind, cls, next);
            if (r != NfaStepper.CONTINUE) {
                return r == NfaStepper.MATCH;
            }
            kind = alphabet.kind(cls);
            SparseSet swap = cur;
            cur = next;
            next = swap;
        }
    }
}
