package io.sigmaengine.engine.ir;

import com.google.re2j.Pattern;
import io.sigmaengine.engine.match.CaseFold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Required literals of a regex must really be required: a wrong one would hide matches. */
class RegexLiteralsTest {

    @Test
    void examplesFromSigmaHqRules() {
        assertEquals(List.of("-k"), RegexLiterals.required("-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?"));
        assertNull(RegexLiterals.required("^[A-Za-z0-9]{16}$"));
        assertEquals(List.of("rundll32"), RegexLiterals.required("[Rr][Uu][Nn][Dd][Ll][Ll]32(?:\\.[Ee][Xx][Ee])? \\S+?\\w:\\S+?:"));
        assertEquals(List.of("`"), RegexLiterals.required("\\w+`(?:\\w+|-|.)`[\\w+|\\s]"));
        assertEquals(List.of("ipconfig"), RegexLiterals.required("ipconfig\\s+/all"));
        assertEquals(List.of("a", "b2"), RegexLiterals.required("a|b2"));
        assertEquals(List.of(":"), RegexLiterals.required(":[^ \\\\]"));
        assertNull(RegexLiterals.required("\\x41bc"));
        assertEquals(List.of("bc"), RegexLiterals.required("(?i)a?bc"));
    }

    @Property(tries = 3000)
    void everyMatchContainsARequiredLiteral(@ForAll("regexes") String regex, @ForAll("texts") String text) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (RuntimeException e) {
            return; // not a valid regex: nothing to check
        }
        List<String> required = RegexLiterals.required(regex);
        if (required == null || !p.matcher(text).find()) {
            return;
        }
        String folded = CaseFold.fold(text);
        assertTrue(required.stream().anyMatch(l -> folded.contains(CaseFold.fold(l))),
                () -> "regex " + regex + " matches '" + text + "' but it contains none of " + required);
    }

    @Provide
    Arbitrary<String> regexes() {
        Arbitrary<String> atom = Arbitraries.of("a", "b", "c", "ab", "\\.", ".", "[ab]", "[Aa]", "[^a]", "\\w", "\\d",
                "(?:ab|c)", "(a)", "\\\\", "x", "{", "}", "1", "2", ":", "-", "A", "B", "[a-c]", "\\s", " ");
        Arbitrary<String> quant = Arbitraries.of("", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "+?", "*?");
        Arbitrary<String> piece = net.jqwik.api.Combinators.combine(atom, quant).as((a, q) -> a + q);
        Arbitrary<String> seq = piece.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
        Arbitrary<String> flags = Arbitraries.of("", "", "(?i)", "^", "(?s)");
        return net.jqwik.api.Combinators.combine(flags, seq.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("", "$"))
                .as((f, alts, end) -> f + String.join("|", alts) + end);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("a", "b", "c", "A", "B", "x", "1", "2", ":", "-", " ", ".", "\\", "{", "}", "ab", "AB")
                .list().ofMaxSize(8).map(l -> String.join("", l));
    }
}
