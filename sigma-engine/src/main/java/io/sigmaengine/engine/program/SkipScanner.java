package io.sigmaengine.engine.program;

import io.sigmaengine.engine.match.CaseFold;

import java.util.ArrayList;
import java.util.List;

/**
 * A Wu-Manber scan for a set of long case-folded patterns: it looks at the text through a window as long as the
 * shortest pattern and, from the last two characters of the window, jumps ahead by up to that length minus one, so
 * it reads a fraction of the characters an {@link Automaton} reads. It reports exactly the occurrences the
 * automaton built from the same patterns reports (same pattern numbers and end positions, possibly in another
 * order), so either can serve a {@link FieldScan}.
 *
 * <p>It pays only when every pattern is long: the keyword rules' literals ({@code 'sekurlsa::'}, ...) must be
 * looked for in every value of every event, which is where most of an event's text is. {@link #build} declines
 * pattern sets for which it would not beat the automaton.
 */
public final class SkipScanner {

    private static final int TABLE_BITS = 12;
    private static final int MASK = (1 << TABLE_BITS) - 1;
    /** The shortest pattern must be at least this long for skipping to beat the automaton's one step per char. */
    static final int MIN_WINDOW = 6;
    /** Longer windows would not shift further in practice; the cap keeps shifts in a byte. */
    private static final int MAX_WINDOW = 64;
    /** Above this many patterns the shift table fills up with small shifts. */
    static final int MAX_PATTERNS = 512;
    private static final char[] ASCII_FOLD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_FOLD[c] = CaseFold.fold(c);
        }
    }

    private final int window;
    /** Per hash of a folded two-char block: how far the window may move when it ends with that block. */
    private final byte[] shift;
    /** Per hash: the patterns whose first {@code window} chars end with a block of that hash. */
    private final int[] bucketStart;
    private final int[] bucketPattern;
    private final char[][] patterns;

    private SkipScanner(int window, byte[] shift, int[] bucketStart, int[] bucketPattern, char[][] patterns) {
        this.window = window;
        this.shift = shift;
        this.bucketStart = bucketStart;
        this.bucketPattern = bucketPattern;
        this.patterns = patterns;
    }

    /**
     * A scanner for distinct case-folded patterns (pattern {@code i} reported as {@code i}), or {@code null} when
     * the patterns are too short or too many to skip well, or contain surrogates (supplementary characters fold as
     * pairs, which a two-char window cannot follow).
     */
    public static SkipScanner build(List<String> patterns) {
        if (patterns.isEmpty() || patterns.size() > MAX_PATTERNS) {
            return null;
        }
        int min = Integer.MAX_VALUE;
        for (String p : patterns) {
            min = Math.min(min, p.length());
            for (int i = 0; i < p.length(); i++) {
                if (Character.isSurrogate(p.charAt(i))) {
                    return null;
                }
            }
        }
        if (min < MIN_WINDOW) {
            return null;
        }
        int window = Math.min(min, MAX_WINDOW);
        byte[] shift = new byte[MASK + 1];
        java.util.Arrays.fill(shift, (byte) (window - 1));
        List<List<Integer>> buckets = new ArrayList<>(MASK + 1);
        for (int h = 0; h <= MASK; h++) {
            buckets.add(null);
        }
        char[][] folded = new char[patterns.size()][];
        for (int p = 0; p < patterns.size(); p++) {
            char[] cs = patterns.get(p).toCharArray();
            folded[p] = cs;
            // The block ending at j (of the first `window` chars) lets the window move window-1-j.
            for (int j = 1; j < window; j++) {
                int h = hash(cs[j - 1], cs[j]);
                shift[h] = (byte) Math.min(shift[h], window - 1 - j);
            }
            int h = hash(cs[window - 2], cs[window - 1]);
            if (buckets.get(h) == null) {
                buckets.set(h, new ArrayList<>(2));
            }
            buckets.get(h).add(p);
        }
        long total = 0;
        for (byte s : shift) {
            total += s;
        }
        // Text is not random, but a table mostly of short jumps means the automaton is the better scan.
        if (total < 3L * (MASK + 1)) {
            return null;
        }
        int[] start = new int[MASK + 2];
        List<Integer> flat = new ArrayList<>();
        for (int h = 0; h <= MASK; h++) {
            start[h] = flat.size();
            if (buckets.get(h) != null) {
                flat.addAll(buckets.get(h));
            }
        }
        start[MASK + 1] = flat.size();
        return new SkipScanner(window, shift, start, flat.stream().mapToInt(Integer::intValue).toArray(), folded);
    }

    private static int hash(char a, char b) {
        int x = a * 0x3F1 + b;
        return (x ^ (x >>> TABLE_BITS)) & MASK;
    }

    private static char fold(char c) {
        return c < 128 ? ASCII_FOLD[c] : CaseFold.fold(c);
    }

    /**
     * Reports every occurrence of every pattern in the case-folded form of raw text {@code text[0, length)}; reads
     * (and folds) only the characters it needs, so it takes the value itself rather than a copy.
     */
    public void scanRaw(CharSequence text, int length, Automaton.Hits hits) {
        final byte[] sh = shift;
        final int w = window;
        int i = w - 1; // end of the window
        while (i < length) {
            int h = hash(fold(text.charAt(i - 1)), fold(text.charAt(i)));
            int s = sh[h];
            if (s > 0) {
                i += s;
                continue;
            }
            int from = i - w + 1;
            for (int b = bucketStart[h], end = bucketStart[h + 1]; b < end; b++) {
                int p = bucketPattern[b];
                char[] pat = patterns[p];
                if (from + pat.length <= length && matchesAt(text, from, pat)) {
                    hits.hit(p, from + pat.length);
                }
            }
            i++;
        }
    }

    private static boolean matchesAt(CharSequence text, int from, char[] pattern) {
        for (int k = 0; k < pattern.length; k++) {
            if (fold(text.charAt(from + k)) != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    /** Approximate retained size in bytes, for memory reports. */
    public long sizeInBytes() {
        long bytes = 64L + shift.length + 4L * bucketStart.length + 4L * bucketPattern.length;
        for (char[] p : patterns) {
            bytes += 16L + 2L * p.length;
        }
        return bytes;
    }
}
