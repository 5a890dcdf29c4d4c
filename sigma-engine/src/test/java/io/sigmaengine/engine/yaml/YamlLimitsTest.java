package io.sigmaengine.engine.yaml;

import static io.sigmaengine.engine.yaml.Yamls.assertPosition;
import static io.sigmaengine.engine.yaml.Yamls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmaengine.api.Limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class YamlLimitsTest {

    /** Generous: only an exponential blow-up or a hang would take this long. */
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    private static YamlStream read(String text, Limits limits) {
        return YamlReader.read("test.yml", text, limits);
    }

    private static void assertNamesLimit(YamlException e, String name, int value, String setter) {
        assertEquals(YamlException.LIMIT, e.code());
        assertTrue(e.getMessage().contains(name + "=" + value), e.getMessage());
        assertTrue(e.getMessage().contains("Limits." + setter), e.getMessage());
        assertTrue(e.line() > 0 && e.column() > 0, e.toString());
    }

    /** "Billion laughs": 9 levels of 9 aliases each, 9^9 leaves if expanded. */
    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("l0: &l0 lol\n");
        for (int level = 1; level <= 9; level++) {
            b.append('l').append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            b.append("]\n");
        }
        return b.toString();
    }

    private static String nestedFlowSequences(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    @Test
    void fileSizeInCharactersForText() {
        Limits limits = Limits.defaults().withMaxRuleFileBytes(10);
        assertNull(read("a: 1234567", limits).error());
        YamlException e = error(read("a: 12345678", limits), YamlException.LIMIT);
        assertNamesLimit(e, "maxRuleFileBytes", 10, "withMaxRuleFileBytes");
        assertTrue(e.getMessage().contains("11 characters"), e.getMessage());
        assertPosition(1, 1, e);
    }

    @Test
    void fileSizeInBytesIsCheckedBeforeDecoding() {
        Limits limits = Limits.defaults().withMaxRuleFileBytes(10);
        String text = "a: \u00e9\u00e9\u00e9\u00e9"; // 7 characters, 11 bytes
        assertNull(read(text, limits).error());
        YamlException e = error(YamlReader.read("t", text.getBytes(StandardCharsets.UTF_8), limits),
                YamlException.LIMIT);
        assertNamesLimit(e, "maxRuleFileBytes", 10, "withMaxRuleFileBytes");
        assertTrue(e.getMessage().contains("11 bytes"), e.getMessage());
        byte[] invalidAndTooBig = new byte[11];
        java.util.Arrays.fill(invalidAndTooBig, (byte) 0xFF);
        error(YamlReader.read("t", invalidAndTooBig, limits), YamlException.LIMIT);
    }

    @Test
    void aliasReferencesIncludingScalarAliases() {
        String text = "a: &a x\nb: &b [1]\nc: *a\nd: *b\ne: *a\n";
        assertNull(read(text, Limits.defaults().withMaxYamlAliases(3)).error());
        YamlException e = error(read(text, Limits.defaults().withMaxYamlAliases(2)), YamlException.LIMIT);
        assertNamesLimit(e, "maxYamlAliases", 2, "withMaxYamlAliases");
        assertPosition(5, 4, e);
        assertPosition(3, 4, error(read(text, Limits.defaults().withMaxYamlAliases(0)), YamlException.LIMIT));
    }

    @Test
    void aliasesAreCountedOverTheWholeStream() {
        String text = "a: &a x\nb: *a\n---\na: &a x\nb: *a\n";
        YamlStream s = read(text, Limits.defaults().withMaxYamlAliases(1));
        error(s, YamlException.LIMIT);
        assertEquals(1, s.documents().size());
    }

    @Test
    void nestingDepth() {
        Limits limits = Limits.defaults().withMaxYamlDepth(3);
        assertNull(read("a: {b: [1]}\n", limits).error());
        YamlException e = error(read("a: {b: [{c: 1}]}\n", limits), YamlException.LIMIT);
        assertNamesLimit(e, "maxYamlDepth", 3, "withMaxYamlDepth");
        assertPosition(1, 9, e);
    }

    @Test
    void nestingDepthCountsAliasExpansions() {
        Limits limits = Limits.defaults().withMaxYamlDepth(3);
        assertNull(read("a: &x [1]\nb: [*x]\n", limits).error());
        YamlException e = error(read("a: &x [[1]]\nb: [*x]\n", limits), YamlException.LIMIT);
        assertNamesLimit(e, "maxYamlDepth", 3, "withMaxYamlDepth");
        assertPosition(2, 5, e);
    }

    @Test
    void tenThousandNestedFlowSequencesFailCleanly() {
        YamlException e = error(read(nestedFlowSequences(10_000), Limits.defaults()), YamlException.LIMIT);
        assertNamesLimit(e, "maxYamlDepth", 64, "withMaxYamlDepth");
        assertPosition(1, 65, e);
    }

    /** Reads on a thread with a 256 KiB stack: deep input must not need a deep stack. */
    private static YamlStream readOnSmallStack(String text, Limits limits) throws InterruptedException {
        YamlStream[] result = new YamlStream[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = read(text, limits);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join(NO_HANG.toMillis());
        assertNull(failure[0], () -> "failed with " + failure[0]);
        assertNotNull(result[0], "did not finish");
        return result[0];
    }

    @Test
    void noRecursionEvenWhenTheDepthLimitIsRaised() throws InterruptedException {
        Limits huge = Limits.defaults().withMaxYamlDepth(Integer.MAX_VALUE).withMaxYamlNodes(Integer.MAX_VALUE)
                .withMaxRuleFileBytes(Integer.MAX_VALUE);
        YamlStream s = readOnSmallStack(nestedFlowSequences(20_000), huge);
        assertNull(s.error());
        YNode node = s.documents().get(0).root();
        int depth = 0;
        while (node instanceof YList l) {
            node = l.get(0);
            depth++;
        }
        assertEquals(20_000, depth);

        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            block.append(" ".repeat(i)).append("k:\n");
        }
        assertNull(readOnSmallStack(block.toString(), huge).error());
    }

    @Test
    void nodeCountCountsAliasExpansions() {
        // the root, keys a, b and c, two lists of 4 nodes each, and the alias counted as the 4 nodes it stands for
        String text = "a: [1, 2, 3]\nb: &x [1, 2, 3]\nc: *x\n";
        assertNull(read(text, Limits.defaults().withMaxYamlNodes(16)).error());
        YamlException e = error(read(text, Limits.defaults().withMaxYamlNodes(15)), YamlException.LIMIT);
        assertNamesLimit(e, "maxYamlNodes", 15, "withMaxYamlNodes");
        assertPosition(3, 4, e);
        assertPosition(2, 8, error(read(text, Limits.defaults().withMaxYamlNodes(8)), YamlException.LIMIT));
    }

    @Test
    void billionLaughsIsRejectedWithDefaultLimits() {
        YamlStream s = assertTimeoutPreemptively(NO_HANG, () -> read(billionLaughs(), Limits.defaults()));
        error(s, YamlException.LIMIT);
    }

    @Test
    void billionLaughsIsRejectedByTheAliasLimit() {
        Limits limits = Limits.defaults().withMaxYamlAliases(20);
        YamlStream s = assertTimeoutPreemptively(NO_HANG, () -> read(billionLaughs(), limits));
        assertNamesLimit(error(s, YamlException.LIMIT), "maxYamlAliases", 20, "withMaxYamlAliases");
    }

    @Test
    void billionLaughsIsRejectedByTheNodeLimitWhenAliasesAreAllowed() {
        Limits limits = Limits.defaults().withMaxYamlAliases(1_000);
        YamlStream s = assertTimeoutPreemptively(NO_HANG, () -> read(billionLaughs(), limits));
        assertNamesLimit(error(s, YamlException.LIMIT), "maxYamlNodes", 200_000, "withMaxYamlNodes");
    }

    @Test
    void recursiveAliasesAreErrors() {
        assertPosition(1, 8, error("x: &a [*a]\n", YamlException.RECURSIVE_ALIAS));
        assertPosition(1, 11, error("x: &a {y: *a}\n", YamlException.RECURSIVE_ALIAS));
        YamlException e = error("x: &a\n  y:\n    - z\n    - <<: *a\n", YamlException.RECURSIVE_ALIAS);
        assertPosition(4, 11, e);
        assertTrue(e.getMessage().contains("*a") && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aliasAfterItsNodeClosedIsNotRecursive() {
        YMap m = assertInstanceOf(YMap.class, Yamls.root("x: &a [1]\ny: [*a, *a]\n"));
        assertEquals(2, ((YList) m.get("y")).size());
    }
}
