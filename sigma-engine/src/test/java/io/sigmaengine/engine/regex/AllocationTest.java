package io.sigmaengine.engine.regex;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Once its DFA states exist, matching allocates nothing, whatever the text. */
class AllocationTest {

    private static final List<String> PATTERNS = List.of(
            "\\\\[a-zA-Z]{8}\\.tmp$",
            "(?i)\\s(-u|--user)\\s*:",
            "(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}",
            "\\bfoo\\b|(?m)^bar$",
            "https?://(?:(?:25[0-5]|(?:2[0-4]|1\\d|[1-9])?\\d)(?:\\.|\\b)){4}");

    private static final List<String> TEXTS = List.of(
            "C:\\Windows\\System32\\cmd.exe /c curl -u : https://10.1.2.3/x",
            "\"C:\\Program Files\\Mozilla Firefox\\firefox.exe\" -contentproc --channel=\"1234\" \u00E9\uD83D\uDE00",
            "powershell.exe -nop -w hidden -c ${e`Nv:pATh}",
            "C:\\Users\\bob\\AppData\\Local\\Temp\\AbCdEfGh.tmp",
            "foo\nbar\r\n",
            "");

    @Test
    void steadyStateMatchingAllocatesNothing() throws UnsupportedRegexException {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        LinearRegex[] regexes = new LinearRegex[PATTERNS.size()];
        for (int i = 0; i < regexes.length; i++) {
            regexes[i] = LinearRegex.compile(PATTERNS.get(i), 0);
        }
        String[] texts = TEXTS.toArray(new String[0]);
        int sink = run(regexes, texts, 20_000); // builds the DFA states and lets the JIT compile the loop
        long before = mx.getCurrentThreadAllocatedBytes();
        sink += run(regexes, texts, 100_000);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by " + 100_000 * regexes.length * texts.length
                + " calls (" + sink + " matches)");
    }

    private static int run(LinearRegex[] regexes, String[] texts, int rounds) {
        int matches = 0;
        for (int r = 0; r < rounds; r++) {
            for (LinearRegex re : regexes) {
                for (String t : texts) {
                    matches += re.matches(t) ? 1 : 0;
                }
            }
        }
        return matches;
    }
}
