package io.sigmaengine.engine.regex;

import java.util.Arrays;

/** An immutable set of code points, as sorted, disjoint, non-adjacent ranges {@code [lo0, hi0, lo1, hi1, ...]}. */
final class CodePointSet {

    static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
    static final CodePointSet ALL = new CodePointSet(new int[] {0, MAX_CODE_POINT});
    static final CodePointSet ALL_BUT_NEWLINE = new CodePointSet(new int[] {0, '\n' - 1, '\n' + 1, MAX_CODE_POINT});

    private final int[] ranges;

    private CodePointSet(int[] ranges) {
        this.ranges = ranges;
    }

    static CodePointSet of(int lo, int hi) {
        return new CodePointSet(new int[] {lo, hi});
    }

    static CodePointSet ofRanges(int... ranges) {
        Builder b = new Builder();
        for (int i = 0; i < ranges.length; i += 2) {
            b.add(ranges[i], ranges[i + 1]);
        }
        return b.build();
    }

    int rangeCount() {
        return ranges.length / 2;
    }

    int lo(int range) {
        return ranges[2 * range];
    }

    int hi(int range) {
        return ranges[2 * range + 1];
    }

    boolean contains(int cp) {
        int lo = 0;
        int hi = ranges.length / 2;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (cp < ranges[2 * m]) {
                hi = m;
            } else if (cp > ranges[2 * m + 1]) {
                lo = m + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The single code point of a one-element set, or -1. */
    int single() {
        return ranges.length == 2 && ranges[0] == ranges[1] ? ranges[0] : -1;
    }

    CodePointSet complement() {
        Builder b = new Builder();
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                b.add(next, ranges[i] - 1);
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX_CODE_POINT) {
            b.add(next, MAX_CODE_POINT);
        }
        return b.build();
    }

    /** This set with RE2/J's class folding applied to every range (see {@link Builder#addFolded}). */
    CodePointSet folded() throws UnsupportedRegexException {
        Builder b = new Builder();
        for (int i = 0; i < ranges.length; i += 2) {
            b.addFolded(ranges[i], ranges[i + 1]);
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodePointSet s && Arrays.equals(ranges, s.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** Collects ranges in any order; {@link #build()} sorts and merges them. */
    static final class Builder {
        private int[] buf = new int[16];
        private int size;

        Builder add(int lo, int hi) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = lo;
            buf[size++] = hi;
            return this;
        }

        Builder addAll(CodePointSet s) {
            for (int i = 0; i < s.ranges.length; i += 2) {
                add(s.ranges[i], s.ranges[i + 1]);
            }
            return this;
        }

        /**
         * Adds {@code [lo, hi]} and every code point that RE2/J's class folding adds for it: the case orbit of each
         * member within {@code [MIN_FOLD, MAX_FOLD]}, and nothing for members outside.
         */
        Builder addFolded(int lo, int hi) throws UnsupportedRegexException {
            if (lo <= CaseFolding.MIN_FOLD && hi >= CaseFolding.MAX_FOLD || hi < CaseFolding.MIN_FOLD
                    || lo > CaseFolding.MAX_FOLD) {
                return add(lo, hi);
            }
            add(lo, hi);
            for (int c = Math.max(lo, CaseFolding.MIN_FOLD); c <= Math.min(hi, CaseFolding.MAX_FOLD); c++) {
                for (int f : CaseFolding.orbit(c)) {
                    if (f < lo || f > hi) {
                        add(f, f);
                    }
                }
            }
            return this;
        }

        CodePointSet build() {
            long[] packed = new long[size / 2];
            for (int i = 0; i < packed.length; i++) {
                packed[i] = (long) buf[2 * i] << 32 | buf[2 * i + 1];
            }
            Arrays.sort(packed);
            int[] out = new int[size];
            int n = 0;
            for (long p : packed) {
                int lo = (int) (p >>> 32);
                int hi = (int) p;
                if (n > 0 && lo <= out[n - 1] + 1) {
                    out[n - 1] = Math.max(out[n - 1], hi);
                } else {
                    out[n++] = lo;
                    out[n++] = hi;
                }
            }
            return new CodePointSet(Arrays.copyOf(out, n));
        }
    }
}
