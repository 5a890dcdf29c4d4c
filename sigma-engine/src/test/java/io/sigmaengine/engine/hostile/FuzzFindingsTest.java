package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz targets found, as readable regression tests. (The crashing inputs themselves are replayed from the
 * targets' {@code *Inputs} resource folders.)
 */
class FuzzFindingsTest {

    /** ValueFuzzTest: {@code f: null} against a field holding an immutable list threw a NullPointerException. */
    @Test
    void nullValueAgainstAnImmutableList() {
        RuleSet rs = Sigma.ruleSet().addRules("r.yml", """
                title: f is null
                logsource: {product: test}
                detection:
                  sel:
                    f: null
                  condition: sel
                """).build();
        assertEquals(0, rs.rejectedCount(), rs.diagnostics().toString());
        Event immutable = Sigma.eventReader().fromMap(Map.of("f", List.of("a", "b")));
        assertEquals(List.of(), rs.evaluate(immutable));
        Event withNull = Sigma.eventReader().fromMap(Map.of("f", Arrays.asList("a", null)));
        assertEquals(1, rs.evaluate(withNull).size());
    }

    /** RuleYamlFuzzTest: a filter naming rules, applied to a rule without an id, made build() throw. */
    @Test
    void filterByReferenceAndARuleWithoutId() {
        RuleSet rs = Sigma.ruleSet().addRules("r.yml", """
                title: no id
                logsource: {product: windows}
                detection:
                  sel: {NewProcessName|endswith: cmd.exe}
                  condition: sel
                ---
                title: filter
                logsource: {product: windows}
                filter:
                  rules: [some_other_rule]
                  f: {User: SYSTEM}
                  condition: not f
                """).build();
        assertEquals(0, rs.rejectedCount(), rs.diagnostics().toString());
        Event e = Sigma.eventReader().parse("{\"NewProcessName\": \"C:\\\\cmd.exe\", \"User\": \"SYSTEM\"}");
        assertEquals(1, rs.evaluate(e).size(), "the filter does not apply to this rule");
    }

    /**
     * YamlReaderPropertiesTest: a double-quoted string whose hex escape (backslash x, u or U) is cut off by the end of
     * the file made SnakeYAML throw a NumberFormatException out of build().
     */
    @Test
    void escapeSequenceCutOffByTheEndOfTheFile() {
        for (String tail : new String[]{"\"\\x", "\"\\u", "\"\\U"}) {
            RuleSet rs = Sigma.ruleSet()
                    .addRules("good.yml", "title: good\nlogsource: {product: test}\ndetection:\n  sel: {f: 1}\n"
                            + "  condition: sel\n")
                    .addRules("cut.yml", "title: cut\ndescription: " + tail).build();
            assertEquals(1, rs.rules().size(), "the good rule loads");
            assertEquals(1, rs.rejectedCount());
            Diagnostic d = rs.diagnostics().get(0);
            assertEquals("yaml-syntax", d.code(), d.toString());
            assertEquals("cut.yml", d.location().source());
            assertEquals(2, d.location().line(), d.toString());
            assertTrue(d.message().contains("escape sequence"), d.message());
        }
    }
}
