package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lazy DFA: its cache is bounded (a pattern whose DFA is exponential falls back to NFA simulation and still
 * answers right) and shared by threads that build it concurrently; it skips to the character every match starts with.
 */
class LazyDfaTest {

    /** Its DFA needs a state per combination of the last 13 characters: 8192 states. */
    private static final String EXPONENTIAL = "(a|b)*a(a|b){12}";

    private static List<String> randomTexts(long seed, int count, int maxLength, String alphabet) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = rnd.nextInt(maxLength); n > 0; n--) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void skipsToTheFirstCharacterOfEveryMatch() throws UnsupportedRegexException {
        String[] patterns = {"abc", "a\\d+$", "\\.tmp\\b", "=(?i:x)", "\u00E9t\u00E9"};
        String[] texts = {"", "a", "xxabc", "ab ab abc", "abab", "a1 a22", "x.tmp", "a.tmpx a.tmp-", "\uD83D\uDE00=X",
            "=", "\u00E9t\u00E9", "\u00E9\uD800t\u00E9", "\uDE00abc\uD83D"};
        for (String p : patterns) {
            Pattern re2j = Pattern.compile(p);
            LinearRegex mine = LinearRegex.compile(p, 0);
            for (String t : texts) {
                boolean expected = re2j.matcher(t).find();
                assertEquals(expected, mine.matches(t), () -> p + " on " + t);
                assertEquals(expected, mine.matches(new StringBuilder(t)), () -> p + " on StringBuilder " + t);
            }
        }
    }

    @Test
    void longCountedRepetitionsFitInTheDefaultCache() throws UnsupportedRegexException {
        // Unanchored, .{1000,} needs 1000 states of up to 1000 threads each; stored as runs they fit.
        LinearRegex mine = LinearRegex.compile(".{1000,}", 0);
        String text = "x".repeat(999) + "\n" + "y".repeat(1000);
        assertTrue(mine.matches(text));
        assertFalse(mine.matches(text.substring(0, 1999)));
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) {
            long before = mx.getCurrentThreadAllocatedBytes();
            mine.matches(text);
            assertEquals(0, mx.getCurrentThreadAllocatedBytes() - before, "a full cache would simulate, allocating");
        }
    }

    @Test
    void aFullCacheFallsBackToNfaSimulation() throws UnsupportedRegexException {
        Pattern re2j = Pattern.compile(EXPONENTIAL);
        for (long budget : new long[] {0, 200, 4_000, 64_000, LinearRegex.DEFAULT_CACHE_BYTES}) {
            LinearRegex mine = LinearRegex.compile(EXPONENTIAL, 0, budget);
            for (String t : randomTexts(budget, 400, 200, "ab")) {
                assertEquals(re2j.matcher(t).find(), mine.matches(t), () -> "budget " + budget + " on " + t);
            }
        }
    }

    @Test
    void threadsBuildingOneCacheAllGetRe2jsAnswers() throws Exception {
        String[] patterns = {EXPONENTIAL, "\\b(?i)[a-z]+\\d{2,4}\\b", "(?m)^ab|b$", "(a|ab)(c|bcd)(d*)"};
        List<String> texts = randomTexts(7, 2000, 40, "abcd1234 \nAB");
        for (String p : patterns) {
            Pattern re2j = Pattern.compile(p);
            boolean[] expected = new boolean[texts.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = re2j.matcher(texts.get(i)).find();
            }
            for (long budget : new long[] {64_000, LinearRegex.DEFAULT_CACHE_BYTES}) {
                LinearRegex shared = LinearRegex.compile(p, 0, budget);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<Integer>> results = new ArrayList<>();
                    for (int th = 0; th < 8; th++) {
                        int offset = th * 97;
                        results.add(pool.submit(() -> {
                            int wrong = 0;
                            for (int k = 0; k < texts.size(); k++) {
                                int i = (k + offset) % texts.size();
                                wrong += shared.matches(texts.get(i)) == expected[i] ? 0 : 1;
                            }
                            return wrong;
                        }));
                    }
                    for (Future<Integer> r : results) {
                        assertEquals(0, r.get(), p + " with budget " + budget);
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
        assertTrue(texts.stream().anyMatch(t -> t.contains("\n")));
    }
}
