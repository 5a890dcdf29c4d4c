package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link LinearRegex#matches} equals RE2/J's {@code find()} on random patterns from a grammar of the supported
 * syntax (and on random character soup), over random texts from a related alphabet with the letters whose case
 * folding is irregular ({@code ſ K Σ σ ς ß ẞ İ ı}), line breaks, word and non-word characters, a supplementary
 * character and lone surrogates.
 */
class DifferentialProperties {

    private static final int TEXTS_PER_PATTERN = 24;

    /** Pattern characters: letters with irregular folding, word and non-word characters, one beyond the BMP. */
    private static final List<String> PATTERN_CHARS = List.of("a", "b", "A", "k", "K", "\u212A", "s", "S", "\u017F",
            "\u03C3", "\u03A3", "\u03C2", "\u00DF", "\u1E9E", "\u0130", "\u0131", "i", "I", "0", "1", "_", " ",
            "-", "\u00E9", "\u00C9", "\uD83D\uDE00", "\\.", "\\n", "\\t", "\\x41", "\\x{3A3}", "\\101", "\\*",
            "\\\\", "\\-", "\\ ", "\\\u00E9", ":", "/");

    private static final List<String> TEXT_CHARS = List.of("a", "b", "A", "B", "k", "K", "\u212A", "s", "S",
            "\u017F", "\u03C3", "\u03A3", "\u03C2", "\u00DF", "\u1E9E", "\u0130", "\u0131", "i", "I", "0", "1", "_",
            " ", "-", "\n", "\r", "\t", "\u00E9", "\u00C9", "\uD83D\uDE00", "\uD83D", "\uDE00", ".", "*", "\\", ":",
            "/", "x");

    @Property(tries = 4000)
    void agreesWithRe2jOnGeneratedPatterns(@ForAll("patterns") String pattern, @ForAll("flags") int flags,
            @ForAll("texts") List<String> texts) {
        compare(pattern, flags, texts);
    }

    @Property(tries = 4000)
    void acceptsOnlyWhatRe2jAcceptsAndAgreesOnIt(@ForAll("soup") String pattern, @ForAll("texts") List<String> texts) {
        compare(pattern, 0, texts);
    }

    /** Alternations whose branches start with the same letters in both case modes, where RE2/J's factoring errs. */
    @Property(tries = 4000)
    void agreesOnAlternationsMixingCaseModes(@ForAll("mixedAlternations") String pattern,
            @ForAll("caseTexts") List<String> texts) {
        compare(pattern, 0, texts);
    }

    private static void compare(String pattern, int flags, List<String> texts) {
        Pattern re2j;
        try {
            re2j = Pattern.compile(pattern, flags);
        } catch (RuntimeException e) {
            Statistics.collect("rejected by RE2/J");
            assertThrows(UnsupportedRegexException.class, () -> LinearRegex.compile(pattern, flags),
                    () -> "RE2/J rejects /" + pattern + "/ but LinearRegex accepts it");
            return; // RE2/J's error is the one to report; any refusal is right here
        }
        LinearRegex mine;
        try {
            mine = LinearRegex.compile(pattern, flags);
        } catch (UnsupportedRegexException e) {
            Statistics.collect("left to RE2/J");
            assertTrue(!e.isSyntaxError(), () -> "RE2/J accepts /" + pattern + "/ but: " + e.getMessage());
            return;
        }
        int matches = 0;
        for (String t : texts) {
            boolean expected = re2j.matcher(t).find();
            assertEquals(expected, mine.matches(t), () -> "/" + pattern + "/ flags " + flags + " on '" + escape(t) + "'");
            assertEquals(expected, mine.matches(new StringBuilder(t)), () -> "/" + pattern + "/ on a StringBuilder");
            matches += expected ? 1 : 0;
        }
        Statistics.collect(matches == 0 ? "compared, no text matches" : matches == texts.size()
                ? "compared, every text matches" : "compared, some texts match");
    }

    @Provide
    Arbitrary<Integer> flags() {
        return Arbitraries.integers().between(0, 7);
    }

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> text = Arbitraries.of(TEXT_CHARS).list().ofMaxSize(12).map(l -> String.join("", l));
        return text.list().ofSize(TEXTS_PER_PATTERN);
    }

    @Provide
    Arbitrary<String> mixedAlternations() {
        Arbitrary<String> start = Arbitraries.of("K", "k", "A", "a", "[Aa]", "[K]", "[k]", "(?i)k", "(?i)a",
                "(?i:K)", "(?-i)A", "\\x4B", "\\Qa\\E", "(?i)[a]", "(?i)\\x{212A}");
        Arbitrary<String> rest = Arbitraries.of("", "x", "y", ".", "a*", "x+", "(?i)x", "[xy]", "(y)", "\\b", "K",
                "{2}", "{2}x");
        Arbitrary<String> branch = Combinators.combine(start, rest, rest).as((a, b, c) -> a + b + c);
        Arbitrary<String> alternation = branch.list().ofMinSize(2).ofMaxSize(4).map(l -> String.join("|", l));
        return Combinators.combine(Arbitraries.of("", "(?i)", "x", "^"), alternation, Arbitraries.of("", ")", ")x"))
                .as((pre, alt, post) -> post.isEmpty() ? pre + alt : pre + "(?:" + alt + post);
    }

    @Provide
    Arbitrary<List<String>> caseTexts() {
        return Arbitraries.of("k", "K", "\u212A", "a", "A", "x", "X", "y", " ")
                .list().ofMaxSize(6).map(l -> String.join("", l)).list().ofSize(TEXTS_PER_PATTERN);
    }

    @Provide
    Arbitrary<String> soup() {
        // Only code points below U+1C80, so that no case-insensitive range can make RE2/J loop forever.
        return Arbitraries.of("a", "b", "k", "K", "\u017F", "(", ")", "(?", "(?:", "(?i)", "(?P<n>", "(?<m>", "|",
                "*", "+", "?", "{", "}", "{2}", "{1,", ",", "[", "]", "[^", "[:", ":]", "[:alpha:]", "^", "$", "\\",
                "\\b", "\\B", "\\A", "\\z", "\\d", "\\W", "\\Q", "\\E", "\\x", "-", ".", "0", "1", "7",
                "\u00E9").list().ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> patterns() {
        return node(4);
    }

    private Arbitrary<String> node(int depth) {
        if (depth == 0) {
            return atom();
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> node(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, atom()),
                Tuple.of(4, sub.list().ofMinSize(2).ofMaxSize(4).map(l -> String.join("", l))),
                Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("|", l))),
                Tuple.of(3, Combinators.combine(sub, quantifier()).as((s, q) -> "(?:" + s + ")" + q)),
                Tuple.of(2, Combinators.combine(groupOpen(), sub).as((g, s) -> g + s + ")")),
                Tuple.of(1, Combinators.combine(inlineFlags(), sub).as(String::concat)),
                Tuple.of(1, sub.map(s -> s + "|")));
    }

    private Arbitrary<String> atom() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(PATTERN_CHARS)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(PATTERN_CHARS), quantifier()).as(String::concat)),
                Tuple.of(2, Arbitraries.of(".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S")),
                Tuple.of(3, Arbitraries.of("^", "$", "\\A", "\\z", "\\b", "\\B")),
                Tuple.of(3, charClass()),
                Tuple.of(1, Arbitraries.of("\\Qa.b\\E", "\\Q*\\E", "\\Qk", "(?:)", "()")));
    }

    private Arbitrary<String> charClass() {
        // No bare '-': next to other items it forms ranges, and a case-insensitive range over U+1C80..U+1C88
        // makes RE2/J loop forever. "[a-]" and "[-a]" are unit-tested.
        Arbitrary<String> item = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("a", "b", "k", "K", "s", "S", "\u017F", "\u03C3", "\u03A3", "\u00DF",
                        "\u0130", "i", "0", "_", " ", "\u00E9", "\\n", "\\x{212A}", "\\-", "\\]", "\\\\", ".")),
                Tuple.of(3, Arbitraries.of("a-c", "A-Z", "a-z", "0-9", "\u00C0-\u00FF", "\u0391-\u03C9",
                        "\\x00-\\x{10FFFF}", "\\x{1E00}-\\x{1FFF}", "\\x{10400}-\\x{1047F}", "j-l", "r-t")),
                Tuple.of(2, Arbitraries.of("\\d", "\\w", "\\s", "\\D", "\\W", "\\S")),
                Tuple.of(2, Arbitraries.of("[:alpha:]", "[:^lower:]", "[:upper:]", "[:word:]", "[:punct:]",
                        "[:^space:]")));
        return Combinators.combine(Arbitraries.of("[", "[^"), item.list().ofMinSize(1).ofMaxSize(4))
                .as((open, items) -> open + String.join("", items) + "]");
    }

    private Arbitrary<String> quantifier() {
        // Mostly non-optional, so that fewer patterns match every text.
        Arbitrary<String> op = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("*", "?", "{0}", "{0,}", "{0,2}")),
                Tuple.of(7, Arbitraries.of("+", "{1}", "{2}", "{2,}", "{1,3}", "{3}")));
        return Combinators.combine(op, Arbitraries.of("", "", "?")).as(String::concat);
    }

    private Arbitrary<String> groupOpen() {
        return Arbitraries.of("(", "(?:", "(?P<g>", "(?<h>", "(?i:", "(?-i:", "(?s:", "(?m:", "(?-m:", "(?U:",
                "(?i-s:");
    }

    private Arbitrary<String> inlineFlags() {
        return Arbitraries.of("(?i)", "(?m)", "(?s)", "(?U)", "(?-i)", "(?i-m)", "(?ms)", "(?)");
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
