package io.sigmaengine.engine.regex;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The input alphabet of one NFA, cut into classes of code points that neither its character sets nor its
 * assertions can tell apart, so that a DFA row needs one column per class rather than per code point.
 */
final class Alphabet {

    private record Signature(int kind, BitSet sets) {
    }

    /** Class of each ASCII code point; the rest are found by binary search over {@link #starts}. */
    private final int[] ascii = new int[128];
    /** First code point of each interval of code points that belong to the same class. */
    private final int[] starts;
    private final int[] intervalClass;
    /** Number of classes. */
    final int size;
    /** The {@link Context} kind of each class. */
    private final int[] kind;
    /** Per NFA set, a bitset of the classes it contains. */
    private final long[][] members;

    Alphabet(CodePointSet[] sets) {
        int[] cuts = new int[16];
        int n = 0;
        // Cuts that separate the kinds assertions look at, and keep ASCII intervals within ASCII.
        for (int c : new int[] {0, '\n', '\n' + 1, '0', '9' + 1, 'A', 'Z' + 1, '_', '_' + 1, 'a', 'z' + 1, 128}) {
            cuts[n++] = c;
        }
        for (CodePointSet s : sets) {
            for (int r = 0; r < s.rangeCount(); r++) {
                if (n + 2 > cuts.length) {
                    cuts = Arrays.copyOf(cuts, cuts.length * 2);
                }
                cuts[n++] = s.lo(r);
                if (s.hi(r) < CodePointSet.MAX_CODE_POINT) {
                    cuts[n++] = s.hi(r) + 1;
                }
            }
        }
        starts = Arrays.stream(cuts, 0, n).sorted().distinct().toArray();
        intervalClass = new int[starts.length];
        Map<Signature, Integer> classes = new HashMap<>();
        int[] kinds = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            BitSet in = new BitSet(sets.length);
            for (int s = 0; s < sets.length; s++) {
                in.set(s, sets[s].contains(starts[i]));
            }
            int k = Context.kindOf(starts[i]);
            Integer cls = classes.putIfAbsent(new Signature(k, in), classes.size());
            intervalClass[i] = cls == null ? classes.size() - 1 : cls;
            kinds[intervalClass[i]] = k;
        }
        size = classes.size();
        kind = Arrays.copyOf(kinds, size);
        members = new long[sets.length][(size + 63) >>> 6];
        for (Map.Entry<Signature, Integer> e : classes.entrySet()) {
            BitSet in = e.getKey().sets();
            for (int s = in.nextSetBit(0); s >= 0; s = in.nextSetBit(s + 1)) {
                members[s][e.getValue() >>> 6] |= 1L << e.getValue();
            }
        }
        for (int c = 0; c < 128; c++) {
            ascii[c] = search(c);
        }
    }

    int classOf(int cp) {
        return cp < 128 ? ascii[cp] : search(cp);
    }

    /** Class of each ASCII code point, for the DFA's inner loop. */
    int[] asciiClasses() {
        return ascii.clone();
    }

    int kind(int cls) {
        return kind[cls];
    }

    boolean contains(int set, int cls) {
        return (members[set][cls >>> 6] & 1L << cls) != 0;
    }

    private int search(int cp) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int m = (lo + hi + 1) >>> 1;
            if (starts[m] <= cp) {
                lo = m;
            } else {
                hi = m - 1;
            }
        }
        return intervalClass[lo];
    }
}
