package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules are semi-trusted (they come from a management server that may be compromised): every hostile rule below is
 * either rejected with a precise, positioned error that names the limit to raise, or loads and evaluates within
 * bounded time and memory. None may throw, and none may take the other rules of the set down: each load also holds
 * a good rule from another source, which must still load and match.
 *
 * <p>Time bounds are shown by these tests finishing in the default run (a blow-up would hang it); no test asserts a
 * duration. Memory bounds are shown structurally: how many values and rules the compiled set holds.
 */
class HostileRulesTest {

    static final String GOOD_ID = "00000000-0000-4000-8000-00000000900d";
    private static final String GOOD = "title: good\nid: " + GOOD_ID + "\nlogsource: {product: test}\n"
            + "detection:\n  sel:\n    Marker: good\n  condition: sel\n";
    private static final Event GOOD_EVENT = Sigma.eventReader().parse("{\"Marker\": \"good\"}");

    static String rule(String detection) {
        return "title: hostile\nid: 00000000-0000-4000-8000-000000000001\nlogsource: {product: test}\n"
                + "detection:\n" + detection;
    }

    static RuleSet load(String yaml) {
        return load(Limits.defaults(), yaml);
    }

    static RuleSet load(Limits limits, String yaml) {
        RuleSet rs = Sigma.ruleSet().limits(limits).addRules("good.yml", GOOD).addRules("hostile.yml", yaml).build();
        assertGoodRuleSurvives(rs);
        return rs;
    }

    static void assertGoodRuleSurvives(RuleSet rs) {
        assertTrue(rs.rules().stream().anyMatch(r -> GOOD_ID.equals(r.id())), "the good rule loaded");
        assertTrue(rs.evaluate(GOOD_EVENT).stream().anyMatch(m -> GOOD_ID.equals(m.rule().id())),
                "the good rule still matches");
    }

    /** The hostile source's errors; asserts there is exactly one and that it has this code. */
    static Diagnostic onlyError(RuleSet rs, String code) {
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), errors.toString());
        Diagnostic d = errors.get(0);
        assertEquals(code, d.code(), d.toString());
        assertEquals("hostile.yml", d.location().source(), d.toString());
        assertTrue(d.location().line() > 0, "positioned: " + d);
        return d;
    }

    static Diagnostic limitError(RuleSet rs, String code, String setter) {
        Diagnostic d = onlyError(rs, code);
        assertTrue(d.message().contains("Limits." + setter), "names the limit to raise: " + d);
        return d;
    }

    static List<String> ids(List<Match> matches) {
        return matches.stream().map(m -> m.rule().id()).filter(id -> !GOOD_ID.equals(id)).toList();
    }

    static Event event(String json) {
        return Sigma.eventReader().parse(json);
    }

    @Nested
    class Regexes {

        /** Classic catastrophic-backtracking patterns, each against 100 kB that a backtracking engine chokes on. */
        @ParameterizedTest
        @ValueSource(strings = {"^(a+)+$", "(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "^(a*)*$", "^(.*a){25}$",
                "^(([a-z])+.)+[A-Z]([a-z])+$", "(x+x+)+y", "^(\\w+\\s?)*$"})
        void backtrackingPatternsRunInLinearTime(String regex) {
            RuleSet rs = load(rule("  sel:\n    f|re: '" + regex.replace("'", "''") + "'\n  condition: sel\n"));
            assertTrue(rs.diagnostics().stream().noneMatch(Diagnostic::isError), rs.diagnostics().toString());
            String hostile = "a".repeat(100_000) + "!";
            assertEquals(List.of(), ids(rs.evaluate(event("{\"f\": \"" + hostile + "\"}"))), regex);
            java.util.regex.Pattern jdk = java.util.regex.Pattern.compile(regex);
            String small = "aaaa";
            boolean expected = jdk.matcher(small).find();
            assertEquals(expected, !ids(rs.evaluate(event("{\"f\": \"" + small + "\"}"))).isEmpty(), regex);
        }

        @Test
        void aHundredKilobytesMatchWhenTheyShould() {
            RuleSet rs = load(rule("  sel:\n    f|re: '^(a+)+$'\n  condition: sel\n"));
            assertEquals(List.of("00000000-0000-4000-8000-000000000001"),
                    ids(rs.evaluate(event("{\"f\": \"" + "a".repeat(100_000) + "\"}"))));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "(a)\\1|a backreference (\\1)",
                "(?<x>a)\\k<x>|a named backreference (\\k<...>)",
                "(?=a)a|a lookahead assertion ((?=...)",
                "x(?!a)|a lookahead assertion ((?!...)",
                "(?<=a)b|a lookbehind assertion ((?<=...)",
                "(?<!a)b|a lookbehind assertion ((?<!...)",
                "(?>a+)b|an atomic group ((?>...))",
                "a++b|a possessive quantifier (++)",
                "a*+b|a possessive quantifier (*+)",
                "a?+b|a possessive quantifier (?+)",
                "a{2}+b|a possessive quantifier (}+)"})
        void constructsThatNeedBacktrackingAreLoadErrorsNamingTheConstruct(String regex, String construct) {
            RuleSet rs = load(rule("  sel:\n    f|re: '" + regex + "'\n  condition: sel\n"));
            Diagnostic d = onlyError(rs, "regex-unsupported");
            assertTrue(d.message().contains(construct), d.message());
            assertTrue(d.message().contains("linear time"), d.message());
            assertEquals(6, d.location().line(), d.toString());
        }

        @Test
        void hugeRegexesAreRejectedByLength() {
            String regex = "(a|b)".repeat(10_000);
            limitError(load(rule("  sel:\n    f|re: '" + regex + "'\n  condition: sel\n")), "regex-too-long",
                    "withMaxRegexLength");
        }

        /** Found by this suite: 15 characters made RE2/J build a 60 MB program, slow on every input character. */
        @ParameterizedTest
        @ValueSource(strings = {"(a{1000}){1000}", "((a{100}){100}){100}", "(\\w{1000}){100}", "(?:[a-z]{999}){40}",
                "((((a{10}){10}){10}){10}){10}"})
        void repetitionsThatUnrollIntoHugeProgramsAreRejected(String regex) {
            Diagnostic d = limitError(load(rule("  sel:\n    f|re: '" + regex + "'\n  condition: sel\n")),
                    "regex-too-long", "withMaxRegexLength");
            assertTrue(d.message().contains("unrolled"), d.message());
        }

        /**
         * Found by EvaluationFuzzTest (a hang, not a crash): RE2/J 1.8 loops forever compiling these case-insensitive
         * patterns, because the case orbit of U+1C80..U+1C88 never leads back to them. One short rule hung loading.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"re|i|[\u1c80]", "re|i|x\u1c88", "re|i|[\\x{1000}-\\x{2000}]",
                "re|i|[^\\x{1C85}]", "re|i|\\x{1c80}", "re|i|\\Q\u1c81\\E", "re||(?i)\u1c80",
                "re||a(?i:[\u1000-\u2010])", "re|ignorecase|[\u1c00-\u1cff]"})
        void caseInsensitiveCyrillicVariantsThatHangRe2jAreRejected(String re, String flag, String regex) {
            String key = "f|" + re + (flag == null ? "" : "|" + flag);
            Diagnostic d = onlyError(load(rule("  sel:\n    " + key + ": '" + regex + "'\n  condition: sel\n")),
                    "regex-unsupported");
            assertTrue(d.message().contains("U+1C80..U+1C88"), d.message());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"re|i|[^a]", "re|i|\\p{Cyrillic}", "re|i|[\\x{0}-\\x{10FFFF}]",
                "re|i|[a-z\u0430-\u044f]", "re||\u1c80", "re||[\u1c80-\u1c88]", "re|i|[\\]\u1c7f]"})
        void otherCaseInsensitivePatternsStillLoad(String re, String flag, String regex) {
            String key = "f|" + re + (flag == null ? "" : "|" + flag);
            RuleSet rs = load(rule("  sel:\n    " + key + ": '" + regex + "'\n  condition: sel\n"));
            assertTrue(rs.diagnostics().stream().noneMatch(Diagnostic::isError), rs.diagnostics().toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"(", "[a-", "a{2,1}", "a{1001}", "x**"})
        void invalidRegexesAreLoadErrors(String regex) {
            onlyError(load(rule("  sel:\n    f|re: '" + regex + "'\n  condition: sel\n")), "regex-invalid");
        }
    }

    @Nested
    class Yaml {

        @Test
        void billionLaughsIsRejectedBeforeExpansion() {
            StringBuilder b = new StringBuilder(rule("  sel: {f: 1}\n  condition: sel\n")).append("x0: &x0 lol\n");
            for (int level = 1; level <= 9; level++) {
                b.append('x').append(level).append(": &x").append(level).append(" [");
                for (int i = 0; i < 9; i++) {
                    b.append(i == 0 ? "" : ", ").append("*x").append(level - 1);
                }
                b.append("]\n");
            }
            // Whichever limit trips first (9^6 nodes come before the 51st alias), the bomb is never expanded.
            Diagnostic d = onlyError(load(b.toString()), "yaml-limit");
            assertTrue(d.message().contains("Limits.withMaxYamlNodes"), d.message());
            d = onlyError(load(Limits.defaults().withMaxYamlNodes(Integer.MAX_VALUE), b.toString()), "yaml-limit");
            assertTrue(d.message().contains("Limits.withMaxYamlAliases"), d.message());
        }

        @Test
        void aliasBombWithinTheAliasLimitHitsTheNodeLimit() {
            // 40 aliases, each doubling: 2^40 nodes if expanded.
            StringBuilder b = new StringBuilder(rule("  sel: {f: 1}\n  condition: sel\n")).append("x0: &x0 [a, b]\n");
            for (int level = 1; level <= 20; level++) {
                b.append('x').append(level).append(": &x").append(level).append(" [*x").append(level - 1)
                        .append(", *x").append(level - 1).append("]\n");
            }
            limitError(load(b.toString()), "yaml-limit", "withMaxYamlNodes");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[", "{a: "})
        void tenThousandLevelsOfNesting(String open) {
            String yaml = rule("  sel: {f: 1}\n  condition: sel\n") + "x: " + open.repeat(10_000) + "1";
            limitError(load(yaml), "yaml-limit", "withMaxYamlDepth");
        }

        @Test
        void blockNestingIsLimitedToo() {
            StringBuilder b = new StringBuilder(rule("  sel: {f: 1}\n  condition: sel\n"));
            for (int i = 0; i < 100; i++) {
                b.append("  ".repeat(i)).append("k").append(i).append(":\n");
            }
            b.append("  ".repeat(100)).append("v\n");
            limitError(load(b.toString()), "yaml-limit", "withMaxYamlDepth");
        }

        @Test
        void hugeScalarWithinTheFileLimitLoadsAndMatches() {
            String value = "x".repeat(3_000_000);
            RuleSet rs = load(rule("  sel:\n    f: '" + value + "'\n  condition: sel\n"));
            assertEquals(1, ids(rs.evaluate(event("{\"f\": \"" + value + "\"}"))).size());
            assertEquals(0, ids(rs.evaluate(event("{\"f\": \"" + value + "y\"}"))).size());
        }

        @Test
        void hugeFilesAreRejectedBeforeTheyAreRead(@TempDir Path tmp) throws IOException {
            Path big = tmp.resolve("big.yml");
            Files.writeString(big, rule("  sel:\n    f: '" + "x".repeat(5_000_000) + "'\n  condition: sel\n"));
            RuleSet rs = Sigma.ruleSet().addRules(big).addRules("good.yml", GOOD).build();
            assertGoodRuleSurvives(rs);
            Diagnostic d = rs.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            assertEquals("yaml-limit", d.code(), d.toString());
            assertTrue(d.message().contains("Limits.withMaxRuleFileBytes"), d.message());
            limitError(load(rule("  sel:\n    f: '" + "x".repeat(5_000_000) + "'\n  condition: sel\n")),
                    "yaml-limit", "withMaxRuleFileBytes");
        }

        @Test
        void tooManyNodes() {
            StringBuilder b = new StringBuilder(rule("  sel: {f: 1}\n  condition: sel\n")).append("x: [");
            for (int i = 0; i < 250_000; i++) {
                b.append(i == 0 ? "" : ",").append('1');
            }
            limitError(load(b.append("]\n").toString()), "yaml-limit", "withMaxYamlNodes");
        }

        /** Random bytes, random printable noise and a real rule with bytes flipped: errors, never exceptions. */
        @Test
        void binaryGarbage(@TempDir Path tmp) throws IOException {
            Random random = new Random(42);
            byte[] base = rule("  sel:\n    f|contains: x\n  condition: sel\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                byte[] bytes;
                if (i % 3 == 0) {
                    bytes = new byte[1 + random.nextInt(4096)];
                    random.nextBytes(bytes);
                } else if (i % 3 == 1) {
                    bytes = new byte[1 + random.nextInt(4096)];
                    for (int k = 0; k < bytes.length; k++) {
                        bytes[k] = (byte) (9 + random.nextInt(118));
                    }
                } else {
                    bytes = base.clone();
                    for (int k = 0; k < 3; k++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                Path file = tmp.resolve("garbage" + i + ".yml");
                Files.write(file, bytes);
                RuleSet rs = Sigma.ruleSet().addRules(file).addRules("good.yml", GOOD).build();
                assertGoodRuleSurvives(rs);
                for (Diagnostic d : rs.diagnostics()) {
                    assertTrue(d.message() != null && !d.message().isBlank() && d.code().matches("[a-z0-9-]+"),
                            d.toString());
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"!!python/object:os.system [ls]", "!java.lang.Runtime {}", "&a [*a]",
                "!!binary AAAA", "*undefined"})
        void dangerousOrRecursiveYamlIsAnError(String value) {
            RuleSet rs = load(rule("  sel: {f: 1}\n  condition: sel\n") + "x: " + value + "\n");
            List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).code().startsWith("yaml-"), errors.toString());
        }
    }

    @Nested
    class Conditions {

        @Test
        void tenThousandNestedParentheses() {
            limitError(load(rule("  sel: {f: 1}\n  condition: " + "(".repeat(10_000) + "sel" + ")".repeat(10_000)
                    + "\n")), "condition-too-deep", "withMaxConditionDepth");
        }

        @Test
        void tenThousandNots() {
            limitError(load(rule("  sel: {f: 1}\n  condition: " + "not ".repeat(10_000) + "sel\n")),
                    "condition-too-deep", "withMaxConditionDepth");
        }

        @Test
        void hundredThousandIdentifiers() {
            String condition = "sel or ".repeat(99_999) + "sel";
            String yaml = rule("  sel: {f: 1}\n  condition: " + condition + "\n");
            limitError(load(yaml), "condition-too-long", "withMaxConditionLength");
            Limits longer = Limits.defaults().withMaxConditionLength(1 << 20);
            limitError(load(longer, yaml), "condition-too-large", "withMaxConditionTerms");
            RuleSet rs = load(longer.withMaxConditionTerms(100_000), yaml);
            assertEquals(1, ids(rs.evaluate(event("{\"f\": 1}"))).size());
            assertEquals(0, ids(rs.evaluate(event("{\"f\": 2}"))).size());
        }

        private String detections(int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("  s").append(i).append(": {f").append(i).append(": 1}\n");
            }
            return b.toString();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1 of *", "all of *", "1 of them", "all of them", "1 of **********", "1 of s*",
                "all of s*", "1 of *0 and 1 of *1 and not all of *2"})
        void patternsThatMatchEverything(String condition) {
            RuleSet rs = load(rule(detections(3_000) + "  condition: " + condition + "\n"));
            assertTrue(rs.diagnostics().stream().noneMatch(Diagnostic::isError), condition);
            rs.evaluate(event("{\"f1\": 1, \"f10\": 1, \"f0\": 1}"));
        }

        @Test
        void selectorsThatExpandQuadraticallyAreRejected() {
            // 60 kB of condition over 3,000 identifiers would expand into 15 million references.
            String condition = "1 of s* and ".repeat(5_000) + "all of them";
            limitError(load(rule(detections(3_000) + "  condition: " + condition + "\n")), "condition-too-large",
                    "withMaxConditionTerms");
        }

        @Test
        void aPatternOfThirtyThousandStarsCostsNoMoreThanOne() {
            String condition = "1 of " + "*".repeat(30_000) + "9";
            RuleSet rs = load(rule(detections(5_000) + "  condition: " + condition + "\n"));
            assertEquals(1, ids(rs.evaluate(event("{\"f9\": 1}"))).size());
        }
    }

    @Nested
    class ModifierValues {

        @Test
        void windashOnAHundredDashesIsRejectedBeforeExpanding() {
            Diagnostic d = limitError(load(rule("  sel:\n    f|windash: '" + " -a".repeat(100) + "'\n  condition: sel\n")),
                    "value-variants-limit", "withMaxValueVariants");
            assertTrue(d.message().contains("5^100"), d.message());
        }

        /** Found by this suite: each value stayed under the variant limit, and 62 million variants ran out of heap. */
        @Test
        void windashOnManyValuesStopsAtTheValuesLimit() {
            StringBuilder b = new StringBuilder("  sel:\n    f|windash|contains:\n");
            for (int i = 0; i < 20_000; i++) {
                b.append("      - ' -a -b -c -d -e x").append(i).append("'\n");
            }
            limitError(load(rule(b.append("  condition: sel\n").toString())), "values-limit", "withMaxValuesPerRule");
        }

        @Test
        void windashOnManyItemsStopsAtTheValuesLimit() {
            StringBuilder b = new StringBuilder("  sel:\n");
            for (int i = 0; i < 20_000; i++) {
                b.append("    f").append(i).append("|windash|contains: ' -a -b -c -d -e x'\n");
            }
            limitError(load(rule(b.append("  condition: sel\n").toString())), "values-limit", "withMaxValuesPerRule");
        }

        /** Found by this suite: rules each within their own limits together exhausted the heap. */
        @Test
        void manyRulesStopAtTheRuleSetLimit() {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < 300; r++) {
                b.append("title: r").append(r).append("\nlogsource: {product: test}\ndetection:\n  sel:\n")
                        .append("    f|windash|contains: [' -a -b -c -d -e x', ' -a -b -c -d -e y']\n")
                        .append("  condition: sel\n---\n");
            }
            RuleSet rs = load(Limits.defaults().withMaxRuleSetSize(50_000), b.toString());
            // 6,250 values each: after the good rule (one value) seven fit.
            assertEquals(8, rs.rules().size());
            assertEquals(293, rs.rejectedCount());
            List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertEquals(293, errors.size());
            for (Diagnostic d : errors) {
                assertEquals("rule-set-limit", d.code(), d.toString());
                assertTrue(d.message().contains("Limits.withMaxRuleSetSize"), d.message());
            }
        }

        /** Found by this suite: a filter for 'any' rule is compiled into every rule it applies to. */
        @Test
        void aLargeFilterAppliedToManyRulesStopsAtTheRuleSetLimit() {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < 200; r++) {
                b.append("title: r").append(r).append("\nlogsource: {product: test, service: hostile}\n")
                        .append("detection:\n  sel: {f: 1}\n  condition: sel\n---\n");
            }
            b.append("title: filter\nlogsource: {product: test, service: hostile}\nfilter:\n  rules: any\n")
                    .append("  fs:\n    g:\n");
            for (int i = 0; i < 5_000; i++) {
                b.append("      - v").append(i).append('\n');
            }
            b.append("  condition: not fs\n");
            RuleSet rs = load(Limits.defaults().withMaxRuleSetSize(100_000), b.toString());
            // 5,003 values and condition terms each once the filter is attached: 19 fit after the good rule.
            List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertEquals(181, errors.size());
            for (Diagnostic d : errors) {
                assertEquals("rule-set-limit", d.code(), d.toString());
                assertTrue(d.message().contains("filters and pipelines included"), d.message());
            }
            assertEquals(19, ids(rs.evaluate(event("{\"f\": 1, \"g\": \"other\"}"))).size());
            assertEquals(0, ids(rs.evaluate(event("{\"f\": 1, \"g\": \"v42\"}"))).size());
        }

        @Test
        void hugeBase64OffsetValue() {
            limitError(load(rule("  sel:\n    f|base64offset|contains: '" + "A".repeat(1_000_000) + "'\n"
                    + "  condition: sel\n")), "encoded-value-limit", "withMaxEncodedValueLength");
        }

        /** Found by this suite: three variants per value went past the per-rule value limit unnoticed. */
        @Test
        void base64OffsetVariantsCountAgainstTheValuesLimit() {
            StringBuilder b = new StringBuilder("  sel:\n    f|base64offset|contains:\n");
            for (int i = 0; i < 40_000; i++) {
                b.append("      - 'value").append(i).append("'\n");
            }
            limitError(load(rule(b.append("  condition: sel\n").toString())), "values-limit", "withMaxValuesPerRule");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "|contains", "|cidr", "|re", "|endswith|cased"})
        void giantValueListsAreRejected(String modifiers) {
            StringBuilder b = new StringBuilder("  sel:\n    f" + modifiers + ":\n");
            for (int i = 0; i < 100_001; i++) {
                b.append("      - '10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
                        .append(i & 255).append("'\n");
            }
            limitError(load(rule(b.append("  condition: sel\n").toString())), "values-limit", "withMaxValuesPerRule");
        }

        @Test
        void giantCidrListWithinTheLimitLoadsAndMatches() {
            StringBuilder b = new StringBuilder("  sel:\n    f|cidr:\n");
            for (int i = 0; i < 90_000; i++) {
                b.append("      - 10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
                        .append(i & 255).append("/32\n");
            }
            RuleSet rs = load(rule(b.append("  condition: sel\n").toString()));
            assertEquals(1, ids(rs.evaluate(event("{\"f\": \"10.1.95.143\"}"))).size());
            assertEquals(0, ids(rs.evaluate(event("{\"f\": \"10.1.95.144\"}"))).size());
            assertEquals(0, ids(rs.evaluate(event("{\"f\": \"not an address\"}"))).size());
        }
    }
}
