package io.sigmaengine.engine.match;

/**
 * Unicode simple case folding, locale-independent. Two strings are equal ignoring case when their folds are equal.
 *
 * <p>The fold of a code point is {@code toLowerCase(toUpperCase(cp))}, which maps every member of a Unicode case
 * class to one representative ({@code K}, {@code k} and the Kelvin sign; {@code s}, {@code S} and long s; the
 * three Greek sigmas), except for the Turkic dotted capital I (U+0130) and dotless small i (U+0131), which
 * Unicode's simple folding leaves alone and which therefore fold to themselves. BMP characters use a 64 Ki
 * lookup table.
 */
public final class CaseFold {

    private static final char[] TABLE = new char[65536];

    static {
        for (int c = 0; c < 65536; c++) {
            TABLE[c] = (char) foldCodePointSlow(c);
        }
    }

    private CaseFold() {
    }

    private static int foldCodePointSlow(int cp) {
        if (cp == 0x130 || cp == 0x131) {
            return cp;
        }
        if (Character.isSurrogate((char) cp) && cp < 0x10000) {
            return cp;
        }
        int f = Character.toLowerCase(Character.toUpperCase(cp));
        // Keep BMP characters in the BMP so folding never changes a string's length in chars.
        return (cp < 0x10000) == (f < 0x10000) ? f : cp;
    }

    /** Folds one BMP char (surrogates fold to themselves). */
    public static char fold(char c) {
        return TABLE[c];
    }

    /** Folds one code point. */
    public static int foldCodePoint(int cp) {
        return cp < 0x10000 ? TABLE[cp] : foldCodePointSlow(cp);
    }

    /** The folded form of {@code s}; has the same length in chars. Returns {@code s} itself if nothing changes. */
    public static String fold(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) || TABLE[c] != c) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        foldRange(out, i, n);
        return new String(out);
    }

    /** Whether {@code s} holds a surrogate (folding it char by char would then not be exact). */
    public static boolean hasSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code len} chars of {@code a} from {@code ai} equal those of {@code b} from {@code bi}, folding both
     * char by char if {@code fold} (exact only for text without surrogates).
     */
    public static boolean regionEquals(CharSequence a, int ai, CharSequence b, int bi, int len, boolean fold) {
        for (int i = 0; i < len; i++) {
            char x = a.charAt(ai + i);
            char y = b.charAt(bi + i);
            if (x != y && (!fold || TABLE[x] != TABLE[y])) {
                return false;
            }
        }
        return true;
    }

    /** Folds {@code s} into {@code dest}, which must hold at least {@code s.length()} chars. */
    public static void foldInto(CharSequence s, char[] dest) {
        int n = s.length();
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            dest[i] = TABLE[c];
            surrogates |= Character.isSurrogate(c);
        }
        if (surrogates) {
            for (int i = 0; i < n; i++) {
                dest[i] = s.charAt(i);
            }
            foldRange(dest, 0, n);
        }
    }

    private static void foldRange(char[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(a[i + 1])) {
                int cp = Character.toCodePoint(c, a[i + 1]);
                int f = foldCodePointSlow(cp);
                Character.toChars(f, a, i);
                i++;
            } else {
                a[i] = TABLE[c];
            }
        }
    }
}
