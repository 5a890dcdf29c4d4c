package io.sigmaengine.engine.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Nfa} of a {@link RegexNode} (Thompson's construction; counted repetitions are unrolled). */
final class NfaCompiler {

    /** Larger programs (deeply nested counts such as {@code (a{1000}){1000}}) are left to RE2/J. */
    static final int MAX_INSTRUCTIONS = 50_000;

    /** A partial program: its entry and its dangling exits ({@code pc << 1}, plus 1 for a split's second exit). */
    private record Frag(int start, int[] holes) {
    }

    private byte[] op = new byte[64];
    private int[] out = new int[64];
    private int[] arg = new int[64];
    private int size;
    private final Map<CodePointSet, Integer> setIndex = new HashMap<>();
    private final List<CodePointSet> sets = new ArrayList<>();

    private NfaCompiler() {
    }

    static Nfa compile(RegexNode node) throws UnsupportedRegexException {
        long estimate = size(node);
        if (estimate > MAX_INSTRUCTIONS) {
            throw UnsupportedRegexException.unsupported("a pattern this large (over " + MAX_INSTRUCTIONS
                    + " NFA instructions once counted repetitions are unrolled)");
        }
        NfaCompiler c = new NfaCompiler();
        Frag f = c.emit(node);
        c.patch(f.holes, c.inst(Nfa.MATCH, 0, 0));
        return new Nfa(Arrays.copyOf(c.op, c.size), Arrays.copyOf(c.out, c.size), Arrays.copyOf(c.arg, c.size),
                c.sets.toArray(new CodePointSet[0]), f.start);
    }

    /** Instructions {@link #emit} will produce, saturating above the limit. */
    private static long size(RegexNode node) {
        long cap = MAX_INSTRUCTIONS + 1L;
        if (node instanceof RegexNode.Concat c) {
            long n = c.items().isEmpty() ? 1 : 0;
            for (RegexNode i : c.items()) {
                n = Math.min(cap, n + size(i));
            }
            return n;
        } else if (node instanceof RegexNode.Alternation a) {
            long n = a.alternatives().size() - 1L;
            for (RegexNode i : a.alternatives()) {
                n = Math.min(cap, n + size(i));
            }
            return n;
        } else if (node instanceof RegexNode.Repeat r) {
            long s = size(r.item());
            if (r.max() == -1) {
                return Math.min(cap, Math.max(r.min(), 1) * s + 1);
            }
            return r.max() == 0 ? 1 : Math.min(cap, r.max() * s + (r.max() - r.min()));
        }
        return 1;
    }

    private Frag emit(RegexNode node) {
        if (node instanceof RegexNode.Chars c) {
            int pc = inst(Nfa.CHARS, 0, setIndex.computeIfAbsent(c.set(), s -> {
                sets.add(s);
                return sets.size() - 1;
            }));
            return new Frag(pc, new int[] {pc << 1});
        } else if (node instanceof RegexNode.Assertion a) {
            int pc = inst(Nfa.ASSERT, 0, a.condition());
            return new Frag(pc, new int[] {pc << 1});
        } else if (node instanceof RegexNode.Concat c) {
            if (c.items().isEmpty()) {
                return epsilon();
            }
            Frag f = null;
            for (RegexNode item : c.items()) {
                f = f == null ? emit(item) : concat(f, emit(item));
            }
            return f;
        } else if (node instanceof RegexNode.Alternation a) {
            List<RegexNode> alts = a.alternatives();
            Frag[] frags = new Frag[alts.size()];
            int holes = 0;
            for (int i = 0; i < frags.length; i++) {
                frags[i] = emit(alts.get(i));
                holes += frags[i].holes.length;
            }
            int[] all = new int[holes];
            int start = frags[frags.length - 1].start;
            for (int i = frags.length - 1; i >= 0; i--) {
                holes -= frags[i].holes.length;
                System.arraycopy(frags[i].holes, 0, all, holes, frags[i].holes.length);
                if (i < frags.length - 1) {
                    start = inst(Nfa.SPLIT, frags[i].start, start);
                }
            }
            return new Frag(start, all);
        }
        return repeat((RegexNode.Repeat) node);
    }

    private Frag repeat(RegexNode.Repeat r) {
        Frag f = null;
        for (int i = 0; i < r.min(); i++) {
            Frag copy = emit(r.item());
            if (r.max() == -1 && i == r.min() - 1) {
                copy = plus(copy);
            }
            f = f == null ? copy : concat(f, copy);
        }
        Frag tail = null;
        if (r.max() == -1 && r.min() == 0) {
            tail = star(emit(r.item()));
        } else {
            // x{n,m}: after the n copies, (x(x(...)?)?)? with m-n levels.
            for (int i = r.min(); i < r.max(); i++) {
                tail = quest(tail == null ? emit(r.item()) : concat(emit(r.item()), tail));
            }
        }
        if (f == null) {
            return tail == null ? epsilon() : tail;
        }
        return tail == null ? f : concat(f, tail);
    }

    private Frag concat(Frag a, Frag b) {
        patch(a.holes, b.start);
        return new Frag(a.start, b.holes);
    }

    private Frag star(Frag f) {
        int pc = inst(Nfa.SPLIT, f.start, 0);
        patch(f.holes, pc);
        return new Frag(pc, new int[] {pc << 1 | 1});
    }

    private Frag plus(Frag f) {
        int pc = inst(Nfa.SPLIT, f.start, 0);
        patch(f.holes, pc);
        return new Frag(f.start, new int[] {pc << 1 | 1});
    }

    private Frag quest(Frag f) {
        int pc = inst(Nfa.SPLIT, f.start, 0);
        return new Frag(pc, join(f.holes, new int[] {pc << 1 | 1}));
    }

    private Frag epsilon() {
        int pc = inst(Nfa.EPSILON, 0, 0);
        return new Frag(pc, new int[] {pc << 1});
    }

    private int inst(byte o, int next, int argument) {
        if (size == op.length) {
            op = Arrays.copyOf(op, size * 2);
            out = Arrays.copyOf(out, size * 2);
            arg = Arrays.copyOf(arg, size * 2);
        }
        op[size] = o;
        out[size] = next;
        arg[size] = argument;
        return size++;
    }

    private void patch(int[] holes, int target) {
        for (int h : holes) {
            if ((h & 1) == 0) {
                out[h >>> 1] = target;
            } else {
                arg[h >>> 1] = target;
            }
        }
    }

    private static int[] join(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
