package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link CaseFolding} is RE2/J's folding, for every code point. */
class CaseFoldingTest {

    @Test
    void simpleFoldIsRe2jsForEveryCodePoint() throws Exception {
        // RE2/J does not expose its folding; its package-private Unicode.simpleFold is the reference.
        Method re2j = Class.forName("com.google.re2j.Unicode").getDeclaredMethod("simpleFold", int.class);
        re2j.setAccessible(true);
        List<String> wrong = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int expected = (int) re2j.invoke(null, cp);
            if (CaseFolding.simpleFold(cp) != expected && wrong.size() < 10) {
                wrong.add(String.format("U+%04X: RE2/J U+%04X, here U+%04X", cp, expected, CaseFolding.simpleFold(cp)));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void caseInsensitiveLiteralsMatchExactlyTheirOrbit() throws UnsupportedRegexException {
        int checked = 0;
        for (int cp = CaseFolding.MIN_FOLD; cp <= CaseFolding.MAX_FOLD; cp++) {
            if (CaseFolding.simpleFold(cp) == cp || cp >= 0x1C80 && cp <= 0x1C88) {
                continue;
            }
            Set<Integer> orbit = new TreeSet<>();
            for (int f : CaseFolding.orbit(cp)) {
                orbit.add(f);
            }
            Set<Integer> candidates = new TreeSet<>(orbit);
            candidates.add(Character.toLowerCase(cp));
            candidates.add(Character.toUpperCase(cp));
            candidates.add(Character.toTitleCase(cp));
            String literal = String.format("\\x{%X}", cp);
            Pattern re2j = Pattern.compile(literal, Pattern.CASE_INSENSITIVE);
            LinearRegex mine = LinearRegex.compile(literal, LinearRegex.CASE_INSENSITIVE);
            for (int c : candidates) {
                String text = Character.toString(c);
                assertEquals(orbit.contains(c), re2j.matcher(text).find(), literal + " on " + text);
                assertEquals(orbit.contains(c), mine.matches(text), literal + " on " + text);
            }
            checked++;
        }
        assertEquals(true, checked > 2000, "letters checked: " + checked);
    }

    @Test
    void foldingWalksThatNeverReturnAreReported() {
        // Java's mappings send U+1C80..U+1C88 into the orbits of other letters; RE2/J then loops forever.
        for (int cp = 0x1C80; cp <= 0x1C88; cp++) {
            int c = cp;
            assertThrows(UnsupportedRegexException.class, () -> CaseFolding.orbit(c));
        }
    }
}
