package io.sigmaengine.engine.program;

import io.sigmaengine.engine.match.CaseFold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Both literal scans of a field, the {@link Automaton} and the {@link SkipScanner}, report exactly the occurrences a
 * naive search of the case-folded text finds: every pattern, at every end position, overlapping ones included.
 */
class ScanProperties {

    /** Letters with case variants outside ASCII (Kelvin sign, long s, sharp s, dotted I) and a supplementary pair. */
    private static final String ALPHABET = "abkKsS:\\. \u212A\u017F\u00DF\u1E9E\u0130\u0131xyzAB";
    private static final String DESERET_UPPER = "\uD801\uDC00";

    record Case(List<String> patterns, String text) {
    }

    @Property(tries = 300)
    void automatonReportsEveryOccurrence(@ForAll("anyPatterns") Case c) {
        Automaton a = Automaton.build(c.patterns());
        char[] text = c.text().toCharArray();
        assertEquals(naive(c.patterns(), c.text()), collect(h -> a.scanRaw(text, text.length, h)), c.toString());
    }

    @Property(tries = 300)
    void skipScannerReportsWhatTheAutomatonReports(@ForAll("longPatterns") Case c) {
        SkipScanner s = SkipScanner.build(c.patterns());
        assertNotNull(s, "a few long patterns always qualify: " + c.patterns());
        char[] text = c.text().toCharArray();
        Set<String> expected = naive(c.patterns(), c.text());
        assertEquals(expected, collect(h -> s.scanRaw(c.text(), text.length, h)), c.toString());
        Automaton a = Automaton.build(c.patterns());
        assertEquals(expected, collect(h -> a.scanRaw(text, text.length, h)), c.toString());
    }

    @Test
    void skipScannerDeclinesShortPatternsSurrogatesAndLargeSets() {
        assertNull(SkipScanner.build(List.of("sekurlsa::", "abc")), "a short pattern limits every jump");
        assertNull(SkipScanner.build(List.of("sekurlsa::" + CaseFold.fold(DESERET_UPPER))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SkipScanner.MAX_PATTERNS; i++) {
            many.add("pattern-" + i);
        }
        assertNull(SkipScanner.build(many));
        assertNotNull(SkipScanner.build(List.of("sekurlsa::", "lsadump::")));
    }

    @Test
    void skipScannerFindsPatternsAtBothEndsAndFoldsTheText() {
        SkipScanner s = SkipScanner.build(List.of("sekurlsa::", "lsadump::"));
        String text = "SEKURLSA::x LsaDump::";
        assertEquals(Set.of("0@10", "1@21"), collect(h -> s.scanRaw(text, text.length(), h)));
        String kelvin = "\u212Aerberos::ptt sekurlsa:"; // one char short of a match at the end
        assertFalse(collect(h -> SkipScanner.build(List.of("kerberos::ptt", "sekurlsa::"))
                .scanRaw(kelvin, kelvin.length(), h)).contains("1@" + kelvin.length()));
        assertEquals(Set.of("0@13"), collect(h -> SkipScanner.build(List.of("kerberos::ptt", "sekurlsa::"))
                .scanRaw(kelvin, kelvin.length(), h)));
    }

    @Provide
    Arbitrary<Case> anyPatterns() {
        return cases(1, 8);
    }

    @Provide
    Arbitrary<Case> longPatterns() {
        return cases(SkipScanner.MIN_WINDOW, 14);
    }

    private static Arbitrary<Case> cases(int minLength, int maxLength) {
        Arbitrary<String> pattern = Arbitraries.strings().withChars(ALPHABET.toCharArray())
                .ofMinLength(minLength).ofMaxLength(maxLength).map(CaseFold::fold);
        Arbitrary<List<String>> patterns = pattern.set().ofMinSize(1).ofMaxSize(12).map(ArrayList::new);
        Arbitrary<String> noise = Arbitraries.strings().withChars((ALPHABET + DESERET_UPPER).toCharArray())
                .ofMaxLength(12);
        return patterns.flatMap(ps -> {
            // Text made of noise and patterns in random case, so that occurrences (also overlapping) are common.
            Arbitrary<String> piece = Arbitraries.oneOf(noise,
                    Arbitraries.of(ps).flatMap(p -> Arbitraries.of(p, p.toUpperCase(), p.substring(1))));
            return piece.list().ofMaxSize(10).map(parts -> new Case(ps, String.join("", parts)));
        });
    }

    private static Set<String> naive(List<String> patterns, String text) {
        String folded = CaseFold.fold(text);
        Set<String> hits = new TreeSet<>();
        for (int p = 0; p < patterns.size(); p++) {
            String pat = patterns.get(p);
            for (int i = folded.indexOf(pat); i >= 0; i = folded.indexOf(pat, i + 1)) {
                hits.add(p + "@" + (i + pat.length()));
            }
        }
        return hits;
    }

    private static Set<String> collect(java.util.function.Consumer<Automaton.Hits> scan) {
        Set<String> hits = new TreeSet<>();
        scan.accept((pattern, end) -> hits.add(pattern + "@" + end));
        return hits;
    }
}
