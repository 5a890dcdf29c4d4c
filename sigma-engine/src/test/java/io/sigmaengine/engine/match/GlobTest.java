package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.SigmaString;
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
    })
    void wholeValueGlobs(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.compile(SigmaString.parse(pattern), false).matches(text));
    }
}
