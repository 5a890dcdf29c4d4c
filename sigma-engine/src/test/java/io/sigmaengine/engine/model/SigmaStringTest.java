package io.sigmaengine.engine.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The escaping table of the semantics document §2.6 (checked there against pySigma's SigmaString). */
class SigmaStringTest {

    /** Tokens rendered as L(text), * and ?. */
    private static String render(SigmaString s) {
        StringBuilder sb = new StringBuilder();
        for (SigmaString.Token t : s.tokens()) {
            if (t instanceof SigmaString.Literal l) {
                sb.append("L(").append(l.text()).append(')');
            } else {
                sb.append(t);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "C:\\Windows\\System32\\cmd.exe | L(C:\\Windows\\System32\\cmd.exe)",
        "C:\\\\Windows | L(C:\\Windows)",
        "a\\*b | L(a*b)",
        "a\\? | L(a?)",
        "a\\\\*b | L(a\\)*L(b)",
        "a\\\\\\*b | L(a\\*b)",
        "a\\\\\\\\b | L(a\\\\b)",
        "a\\\\\\b | L(a\\\\b)",
        "abc\\ | L(abc\\)",
        "C:\\Windows\\* | L(C:\\Windows*)",
        "\\\\WindowsPowerShell\\\\Modules\\\\*\\.ps | L(\\WindowsPowerShell\\Modules\\)*L(\\.ps)",
        "\\\\\\\\\\*\\\\IPC$ | L(\\\\*\\IPC$)",
        "\" \\\\\\\\*\\\\*$\" | L( \\\\)*L(\\)*L($)",
        "prog?.exe | L(prog)?L(.exe)",
        "** | *",
    })
    void parsesLikePySigma(String text, String expected) {
        assertEquals(expected, render(SigmaString.parse(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "C:\\Windows\\System32\\cmd.exe", "a\\*b", "a\\\\*b", "a\\\\\\*b", "abc\\", "C:\\Windows\\*", "x?y*z",
        "\\\\srv\\share", "a\\\\\\\\b"
    })
    void ruleTextRoundTrips(String text) {
        SigmaString s = SigmaString.parse(text);
        assertEquals(s, SigmaString.parse(s.toRuleText()));
    }

    @org.junit.jupiter.api.Test
    void startswithAppendsAWildcardTokenNotAnAsterisk() {
        SigmaString s = SigmaString.parse("C:\\Windows\\").appendAnyString();
        assertEquals("L(C:\\Windows\\)*", render(s));
    }
}
