package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.SigmaString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "prog?.exe | progA.exe | true",
        "prog?.exe | prog.exe | false",
        "prog?.exe | progAB.exe | false",
        "* | '' | true",
        "a*b*c | aXXbYYc | true",
        "a*b*c | aXXbYY | false",
        "*\\cmd.exe | C:\\WINDOWS\\system32\\CMD.EXE | true",
        "*ab*ab* | xxabyyab | true",
        "*aab | aaaaab | true",
        "?\uD83D\uDE00? | a\uD83D\uDE00b | true",
        "? | \uD83D\uDE00 | true",
        "*k* | x\u212Ay | true",
        "\u03C3* | \u03A3\u03C2 | true",
        "*i | \u0130 | false",
        "*\uD801\uDC28* | a\uD801\uDC00b | true",
        "?\uD801\uDC28 | x\uD801\uDC00 | true",
    })
    void wholeValueGlobs(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.compile(SigmaString.parse(pattern), false).matches(text));
    }

    /** Matching folds the text char by char; it must agree with matching the text folded as a whole. */
    @Property(tries = 2000)
    void foldingWhileMatchingEqualsFoldingFirst(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        Glob g = Glob.compile(SigmaString.parse(pattern), false);
        assertEquals(g.matchesPrepared(CaseFold.fold(text)), g.matches(text), pattern + " vs " + text);
    }

    private static final String ALPHABET = "aAkK\u212AsS\u017F\u03C3\u03A3\u03C2\u0130i";

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars(ALPHABET + "*?").ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> unit = Arbitraries.oneOf(Arbitraries.strings().withChars(ALPHABET).ofLength(1),
                Arbitraries.of("\uD801\uDC00", "\uD801\uDC28"));
        return unit.list().ofMaxSize(8).map(l -> String.join("", l));
    }
}
