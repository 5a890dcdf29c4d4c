package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per syntax feature. Each case states the expected answer and checks that RE2/J gives it too, so the
 * cases document RE2/J's behaviour as well as this package's.
 */
class LinearRegexSyntaxTest {

    private static void match(String pattern, String text) {
        check(pattern, 0, text, true);
    }

    private static void noMatch(String pattern, String text) {
        check(pattern, 0, text, false);
    }

    private static void check(String pattern, int flags, String text, boolean expected) {
        String what = "/" + pattern + "/ flags " + flags + " on '" + DifferentialProperties.escape(text) + "'";
        assertEquals(expected, Pattern.compile(pattern, flags).matcher(text).find(), "RE2/J: " + what);
        try {
            assertEquals(expected, LinearRegex.compile(pattern, flags).matches(text), what);
        } catch (UnsupportedRegexException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    /** RE2/J rejects the pattern, and so does LinearRegex, as a syntax error. */
    private static void invalid(String pattern) {
        assertThrows(RuntimeException.class, () -> Pattern.compile(pattern), "RE2/J accepts /" + pattern + "/");
        UnsupportedRegexException e = assertThrows(UnsupportedRegexException.class,
                () -> LinearRegex.compile(pattern, 0), pattern);
        assertTrue(e.isSyntaxError(), pattern + ": " + e.getMessage());
    }

    /** RE2/J accepts the pattern, but LinearRegex leaves it to RE2/J. */
    private static void unsupported(String pattern, int flags) {
        UnsupportedRegexException e = assertThrows(UnsupportedRegexException.class,
                () -> LinearRegex.compile(pattern, flags), pattern);
        assertFalse(e.isSyntaxError(), pattern + ": " + e.getMessage());
    }

    @Test
    void literalsAreSearchedAnywhere() {
        match("abc", "xxabcxx");
        noMatch("abc", "ab c");
        match("", "");
        match("", "anything");
        match("\u00E9t\u00E9", "\u00C9T\u00C9 \u00E9t\u00E9");
        match("\uD83D\uDE00", "a\uD83D\uDE00b");
        match("}", "}");
        match("]", "]");
    }

    @Test
    void controlAndHexEscapes() {
        match("\\t\\n\\r\\f\\v\\a", "\t\n\r\f\u000B\u0007");
        match("\\x41\\x{42}\\x{0043}", "ABC");
        match("\\x{1F600}", "\uD83D\uDE00");
        noMatch("\\x{1F600}", "\uD83D");
        invalid("\\x4");
        invalid("\\x{}");
        invalid("\\x{110000}");
        invalid("\\xZZ");
        invalid("\\e");
        invalid("\\");
    }

    @Test
    void octalEscapesButNoBackreferences() {
        match("\\0", "\0");
        match("\\101\\1012", "AA2");
        match("\\12", "\n");
        match("\\400", "\u0100");
        invalid("\\1");
        invalid("\\8");
        invalid("\\18");
    }

    @Test
    void escapedNonAlphanumericsStandForThemselves() {
        match("\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\\\-\\ \\_\\/\\:", ".*+?()[]{}|^$\\- _/:");
        match("\\\u00E9", "\u00E9");
        match("\\\uD83D\uDE00", "\uD83D\uDE00");
        invalid("\\q");
        invalid("\\Z");
        invalid("\\C");
    }

    @Test
    void quotedText() {
        match("\\Qa.b*\\E+", "a.b**");
        noMatch("\\Qa.b\\E", "axb");
        match("\\Qa.b", "a.b");
        match("a\\Q\\E*", "");
    }

    @Test
    void dotMatchesAnyCodePointButNewline() {
        match("a.c", "abc");
        noMatch("a.c", "a\nc");
        check("a.c", LinearRegex.DOTALL, "a\nc", true);
        match("(?s)a.c", "a\nc");
        match("^.$", "\uD83D\uDE00");
        match("^.$", "\uD83D");
        noMatch("^..$", "\uD83D\uDE00");
    }

    @Test
    void classesWithRangesNegationAndEscapes() {
        match("[a-c]", "xxb");
        noMatch("[a-c]", "xyz");
        match("[^a-c]", "abcd");
        match("[^a]", "\n");
        match("[]a]", "]");
        match("[^]a]", "b");
        match("[a-]", "-");
        match("[-a]", "-");
        match("[\\d-z]", "-");
        match("[\\]\\\\\\-]", "\\");
        match("[\\x{1F600}-\\x{1F64F}]", "\uD83D\uDE03");
        noMatch("[^\\x00-\\x{10FFFF}]", "a");
        match("x[^\\x00-\\x{10FFFF}]*", "x");
        invalid("[z-a]");
        invalid("[a");
        invalid("[]");
        invalid("[a-\\d]");
        invalid("[\\b]");
    }

    @Test
    void perlClassesInAndOutsideClasses() {
        match("\\d\\w\\s", "1_ ");
        noMatch("\\s", "\u000B");
        noMatch("\\w", "\u00E9");
        match("\\D\\W\\S", "a-b");
        match("[\\d\\s]", " ");
        match("[^\\w]", "\u00E9");
        noMatch("[\\W\\d]", "a");
    }

    @Test
    void posixClasses() {
        match("[[:alpha:]]", "x");
        noMatch("[[:alpha:]]", "\u00E9");
        match("[[:^alpha:][:digit:]]", "1");
        match("[[:punct:]]", "!");
        match("[[:alpha:]-]", "-");
        match("[:alpha:]", "a");
        invalid("[[:foo:]]");
        invalid("[[:]]");
    }

    @Test
    void anchorsWithoutMultilineMeanTextEdges() {
        match("^abc", "abcd");
        noMatch("^abc", "xabc");
        noMatch("^abc", "x\nabc");
        match("abc$", "xabc");
        noMatch("abc$", "abc\n"); // unlike java.util.regex
        match("\\Aab", "ab");
        match("ab\\z", "ab");
        noMatch("ab\\z", "ab\n");
        match("$^", "");
        match("^$", "");
        noMatch("^$", "\n");
        match("(?:^)*a$", "ba");
    }

    @Test
    void anchorsWithMultilineMeanLineEdges() {
        check("^abc$", LinearRegex.MULTILINE, "x\nabc\ny", true);
        check("^abc$", LinearRegex.MULTILINE, "x\nabc\ry", false);
        match("(?m)^b", "a\nb");
        match("(?m)a$", "a\nb");
        noMatch("(?m)\\Ab", "a\nb");
        noMatch("(?m)a\\z", "a\nb");
        match("(?m:^b)|x", "a\nb");
        noMatch("(?m:x)^b", "a\nxb");
    }

    @Test
    void wordBoundariesUseAsciiWordCharacters() {
        match("\\bfoo\\b", "a foo.");
        noMatch("\\bfoo\\b", "afoo");
        match("foo\\b", "foo\u00E9");
        match("\\Boo", "foo");
        noMatch("\\b", "");
        match("\\B", "");
        match("\\b", "a");
        match("_\\b", "_-");
    }

    @Test
    void groupsAndAlternation() {
        match("(ab)+c", "ababc");
        match("(?:ab|cd)e", "cde");
        match("(?P<name>x)(?<other>y)", "xy");
        match("a|", "zzz");
        match("(|a)*b", "b");
        match("()", "x");
        invalid("(?P<n>a)(?P<n>b)");
        invalid("(?P<>a)");
        invalid("(?P<n-1>a)");
        invalid("(?'n'a)");
        invalid("(?P=n)");
        invalid("(a");
        invalid("a)");
    }

    @Test
    void quantifiersAndTheirLazyForms() {
        match("ab*c", "ac");
        match("ab+c", "abbc");
        noMatch("ab+c", "ac");
        match("ab?c", "abc");
        match("a{2}", "xaax");
        noMatch("a{3}", "aa");
        match("a{2,}", "aaa");
        match("^a{1,2}$", "aa");
        noMatch("^a{1,2}$", "aaa");
        match("a{0}b", "b");
        match("a*?b+?c??d{1,2}?", "bd");
        match("x{1000}", "x".repeat(1000));
        invalid("x{1001}");
        invalid("x{2,1}");
        invalid("a**");
        invalid("a*??");
        invalid("x{2}{3}");
        invalid("*a");
        invalid("a|*");
        invalid("(*)");
        invalid("{2}");
    }

    @Test
    void braceIsLiteralUnlessACountFollows() {
        match("x{", "x{");
        match("x{,3}", "x{,3}");
        match("x{02}", "x{02}");
        match("x{1,02}", "x{1,02}");
        match("{", "{");
        invalid("a{*"); // RE2/J counts even a literal '{' as a repetition operator
        invalid("x{99999999}");
    }

    @Test
    void repetitionAppliesToWhatPrecedesFlagsAndEmptyQuotes() {
        match("a*(?i)*", "");
        match("a*\\Q\\E*", "");
        invalid("(?i)*");
        match("ab(?i)*", "a");
    }

    @Test
    void inlineAndScopedFlags() {
        match("(?i)abc", "xABCx");
        match("a(?i)bc", "aBC");
        noMatch("a(?i)bc", "ABC");
        match("(?i:a)b", "Ab");
        noMatch("(?i:a)b", "AB");
        match("(?i)a(?-i)b", "Ab");
        noMatch("(?i)a(?-i)b", "AB");
        match("(?i)(a)b|c", "AB");
        match("x(?i)|C", "c");
        match("(?U)a+?", "a");
        match("(?)a", "a");
        match("(?i-s)a.", "A ");
        check("(?-i)a", LinearRegex.CASE_INSENSITIVE, "A", false);
        check("(?-s).", LinearRegex.DOTALL, "\n", false);
        check("(?-m)^b", LinearRegex.MULTILINE, "a\nb", false);
        invalid("(?i-)a");
        invalid("(?-)a");
        invalid("(?--i)a");
        invalid("(?x)a");
        invalid("(?i");
    }

    @Test
    void caseFoldingIsRe2jSimpleFolding() {
        int i = LinearRegex.CASE_INSENSITIVE;
        check("k", i, "\u212A", true); // Kelvin sign
        check("s", i, "\u017F", true); // long s
        check("\u03C3", i, "\u03C2", true); // final sigma
        check("\u03A3", i, "\u03C2", true);
        check("\u00DF", i, "\u1E9E", true);
        check("\u00DF", i, "SS", false); // simple folding only
        check("\u0130", i, "i", false); // RE2/J folds nothing onto dotted capital I
        check("i", i, "\u0130", false);
        check("\u0131", i, "I", false);
        check("\u03B8", i, "\u03F4", true);
        check("\\x{10400}", i, "\uD801\uDC28", true); // Deseret, the last range RE2/J folds in classes
        check("[k]", i, "\u212A", true);
        check("[^k]", i, "\u212A", false);
        check("\\w", i, "\u212A", true);
        check("\\W", i, "\u017F", false);
        check("[[:lower:]]", i, "Q", true);
        check("[a-z]", i, "\u212A", true);
        check("[\\x{10400}]", i, "\uD801\uDC28", true);
        check("\u00E9T\u00C9", i, "\u00C9t\u00E9", true);
    }

    @Test
    void unsupportedConstructsAreReportedNotGuessed() {
        unsupported("\\pL", 0);
        unsupported("[\\p{Greek}]", 0);
        unsupported("\\PL", 0);
        unsupported("\\x{DC00}", 0);
        unsupported("[\\x{D800}]", 0);
        unsupported("\\x{104B0}", LinearRegex.CASE_INSENSITIVE); // Osage: RE2/J folds it alone, not in "x|y"
        unsupported("(?:a{1000}){1000}", 0);
        unsupported("a", 8);
    }

    @Test
    void alternativesStartingWithOneLetterInBothCaseModesAreUnsupported() {
        // RE2/J factors 'K' and case-insensitive 'k' (or [Aa] and 'A') as one common prefix, which changes the
        // language: "kb" matches (?i)k. and "ay" matches neither alternative, yet RE2/J answers the opposite.
        assertFalse(Pattern.compile("Ka*a|(?i)k.|(a)").matcher("kb").find());
        assertFalse(Pattern.compile("(?:Ka*a|(?i)k.)x").matcher("kbx").find());
        assertTrue(Pattern.compile("[Aa]x|A.").matcher("ay").find());
        unsupported("Ka*a|(?i)k.|(a)", 0);
        unsupported("(?:Ka*a|(?i)k.)x", 0);
        unsupported("[Aa]x|A.", 0); // [Aa] is a case-insensitive 'A' in RE2/J
        unsupported("[K]x|(?i)ky", 0);
        // Different stored letters, or no alternation: exact.
        match("kx|(?i)ky", "KY");
        match("(?i)K(?-i)K", "kK");
        match("[Pp]rogram|[Dd]ata", "data");
    }

    @Test
    void caseFoldingThatNeverTerminatesInRe2jIsUnsupported() {
        // U+1C80 walks into the orbit of U+0412/U+0432 and never returns; RE2/J loops forever on it.
        unsupported("\u1C80", LinearRegex.CASE_INSENSITIVE);
        unsupported("[\\x{1C00}-\\x{1CFF}]", LinearRegex.CASE_INSENSITIVE);
    }
}
