package io.sigmaengine.engine.regex;

import java.util.Arrays;

/**
 * RE2/J's (1.8) simple case folding, reproduced exactly, because {@code (?i)} must match what RE2/J matches rather
 * than what the Unicode standard says: RE2/J walks "orbits" of code points with {@code simpleFold}, which consults a
 * small table for the case classes with more (or fewer) than two members and otherwise asks {@link Character}.
 * So {@code İ} (U+0130) and {@code ı} (U+0131) fold to nothing, while {@code K}, {@code k} and the Kelvin sign do.
 */
final class CaseFolding {

    /** Inside character classes, RE2/J folds only code points in {@code [MIN_FOLD, MAX_FOLD]}. */
    static final int MIN_FOLD = 0x41;
    static final int MAX_FOLD = 0x1044F;

    /** RE2/J's orbit table: each code point, then the next member of its case class. */
    private static final int[] ORBIT = {
        0x4B, 0x6B, 0x53, 0x73, 0x6B, 0x212A, 0x73, 0x17F, 0xB5, 0x39C, 0xC5, 0xE5, 0xDF, 0x1E9E, 0xE5, 0x212B,
        0x130, 0x130, 0x131, 0x131, 0x17F, 0x53, 0x1C4, 0x1C5, 0x1C5, 0x1C6, 0x1C6, 0x1C4, 0x1C7, 0x1C8,
        0x1C8, 0x1C9, 0x1C9, 0x1C7, 0x1CA, 0x1CB, 0x1CB, 0x1CC, 0x1CC, 0x1CA, 0x1F1, 0x1F2, 0x1F2, 0x1F3,
        0x1F3, 0x1F1, 0x345, 0x399, 0x392, 0x3B2, 0x395, 0x3B5, 0x398, 0x3B8, 0x399, 0x3B9, 0x39A, 0x3BA,
        0x39C, 0x3BC, 0x3A0, 0x3C0, 0x3A1, 0x3C1, 0x3A3, 0x3C2, 0x3A6, 0x3C6, 0x3A9, 0x3C9, 0x3B2, 0x3D0,
        0x3B5, 0x3F5, 0x3B8, 0x3D1, 0x3B9, 0x1FBE, 0x3BA, 0x3F0, 0x3BC, 0xB5, 0x3C0, 0x3D6, 0x3C1, 0x3F1,
        0x3C2, 0x3C3, 0x3C3, 0x3A3, 0x3C6, 0x3D5, 0x3C9, 0x2126, 0x3D0, 0x392, 0x3D1, 0x3F4, 0x3D5, 0x3A6,
        0x3D6, 0x3A0, 0x3F0, 0x39A, 0x3F1, 0x3A1, 0x3F4, 0x398, 0x3F5, 0x395, 0x1E60, 0x1E61, 0x1E61, 0x1E9B,
        0x1E9B, 0x1E60, 0x1E9E, 0xDF, 0x1FBE, 0x345, 0x2126, 0x3A9, 0x212A, 0x4B, 0x212B, 0xC5,
    };
    private static final int[] ORBIT_KEYS = new int[ORBIT.length / 2];

    static {
        for (int i = 0; i < ORBIT_KEYS.length; i++) {
            ORBIT_KEYS[i] = ORBIT[2 * i];
        }
    }

    /** Longer walks mean the walk never comes back (RE2/J would loop forever); real orbits have at most 4 members. */
    private static final int MAX_ORBIT = 16;

    private CaseFolding() {
    }

    /** The next code point of {@code r}'s case class, exactly as RE2/J's {@code Unicode.simpleFold}. */
    static int simpleFold(int r) {
        int i = Arrays.binarySearch(ORBIT_KEYS, r);
        if (i >= 0) {
            return ORBIT[2 * i + 1];
        }
        int lower = Character.toLowerCase(r);
        return lower != r ? lower : Character.toUpperCase(r);
    }

    /**
     * The code points RE2/J treats as {@code r} ignoring case: {@code r}, {@code simpleFold(r)}, ... up to {@code r}
     * again. Throws when the walk does not come back to {@code r}, where RE2/J itself never returns.
     */
    static int[] orbit(int r) throws UnsupportedRegexException {
        int[] out = new int[MAX_ORBIT];
        int n = 0;
        out[n++] = r;
        for (int f = simpleFold(r); f != r; f = simpleFold(f)) {
            if (n == MAX_ORBIT) {
                throw UnsupportedRegexException.unsupported(String.format(
                        "case-insensitive U+%04X, whose case folding never returns to itself (RE2/J loops forever)", r));
            }
            out[n++] = f;
        }
        return Arrays.copyOf(out, n);
    }
}
