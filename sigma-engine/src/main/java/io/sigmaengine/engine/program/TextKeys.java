package io.sigmaengine.engine.program;

import io.sigmaengine.engine.match.CaseFold;

import java.util.List;

/**
 * An immutable open-addressing table of case-folded strings, looked up with any {@link CharSequence} folded on the
 * fly, so routing on a text field allocates nothing.
 */
public final class TextKeys {

    private final String[] table;
    private final int[] index;
    private final int mask;

    /** @param keys case-folded, distinct keys; key {@code i} is reported as {@code i} */
    public TextKeys(List<String> keys) {
        int size = Integer.highestOneBit(Math.max(4, keys.size() * 3)) << 1;
        table = new String[size];
        index = new int[size];
        mask = size - 1;
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            int h = hash(k) & mask;
            while (table[h] != null) {
                h = (h + 1) & mask;
            }
            table[h] = k;
            index[h] = i;
        }
    }

    /** The index of the key equal to the folded {@code s}, or -1. */
    public int find(CharSequence s) {
        int h = hash(s) & mask;
        while (true) {
            String k = table[h];
            if (k == null) {
                return -1;
            }
            if (foldedEquals(k, s)) {
                return index[h];
            }
            h = (h + 1) & mask;
        }
    }

    private static int hash(CharSequence s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + CaseFold.fold(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static boolean foldedEquals(String key, CharSequence s) {
        int n = key.length();
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (key.charAt(i) != CaseFold.fold(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
