package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.SigmaString;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string compiled for matching a whole value: literals (case-folded unless cased), {@code *} and
 * {@code ?}. Matching backtracks only to the most recent {@code *}, which is linear in practice and never
 * worse than O(text × pattern).
 */
public final class Glob {

    private static final Object STAR = new Object();
    private static final Object ONE = new Object();

    /** Each element is a folded literal String, {@link #STAR} or {@link #ONE}. */
    private final Object[] tokens;
    private final boolean cased;

    private Glob(Object[] tokens, boolean cased) {
        this.tokens = tokens;
        this.cased = cased;
    }

    /**
     * Compiles a string without placeholders.
     *
     * @throws IllegalArgumentException if it still holds a placeholder
     */
    public static Glob compile(SigmaString s, boolean cased) {
        List<Object> out = new ArrayList<>();
        for (SigmaString.Token t : s.tokens()) {
            if (t instanceof SigmaString.Literal l) {
                out.add(cased ? l.text() : CaseFold.fold(l.text()));
            } else if (t == SigmaString.AnyString.INSTANCE) {
                out.add(STAR);
            } else if (t == SigmaString.AnyChar.INSTANCE) {
                out.add(ONE);
            } else {
                throw new IllegalArgumentException("unresolved placeholder in " + s);
            }
        }
        return new Glob(out.toArray(), cased);
    }

    public boolean cased() {
        return cased;
    }

    /** Whether the whole {@code text} matches (the text is folded here unless the glob is cased). */
    public boolean matches(CharSequence text) {
        if (cased) {
            return match(text, false);
        }
        // Folding char by char is exact in the BMP and saves a copy per test; surrogate pairs fold as code points.
        return CaseFold.hasSurrogate(text) ? match(CaseFold.fold(text.toString()), false) : match(text, true);
    }

    /** Whether {@code text}, already folded if this glob is case-insensitive, matches. */
    public boolean matchesPrepared(CharSequence text) {
        return match(text, false);
    }

    private boolean match(CharSequence text, boolean foldText) {
        int n = text.length();
        int ti = 0;
        int pos = 0;
        int starTi = -1;
        int starPos = -1;
        while (true) {
            if (ti == tokens.length) {
                if (pos == n) {
                    return true;
                }
            } else {
                Object tok = tokens[ti];
                if (tok == STAR) {
                    starTi = ti;
                    starPos = pos;
                    ti++;
                    continue;
                }
                if (tok == ONE) {
                    if (pos < n) {
                        pos += codePointLength(text, pos);
                        ti++;
                        continue;
                    }
                } else {
                    String lit = (String) tok;
                    if (regionEquals(text, pos, lit, foldText)) {
                        pos += lit.length();
                        ti++;
                        continue;
                    }
                }
            }
            if (starTi < 0 || starPos >= n) {
                return false;
            }
            starPos++;
            pos = starPos;
            ti = starTi + 1;
        }
    }

    private static int codePointLength(CharSequence s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                ? 2 : 1;
    }

    private static boolean regionEquals(CharSequence text, int pos, String lit, boolean foldText) {
        // The literal is folded already; folding it again changes nothing.
        int len = lit.length();
        return pos + len <= text.length() && CaseFold.regionEquals(text, pos, lit, 0, len, foldText);
    }
}
