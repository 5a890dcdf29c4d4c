package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sigmaengine.engine.pipeline.PipelineFixture.render;
import static io.sigmaengine.engine.pipeline.PipelineFixture.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pipeline files equivalent to the examples of pySigma's documentation ({@code docs/guides/processing_pipelines.rst}
 * and {@code docs/Processing_Pipelines.rst}), written for this project, loaded from files as a user would, and
 * behaving as the documentation says.
 */
class PySigmaDocExamplesTest {

    static final String PROCESS_CREATION = "category: process_creation\nproduct: windows";

    static String file(String name) {
        try {
            return Path.of(PySigmaDocExamplesTest.class.getResource("docs/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule set of one rule with the given pipelines (example files by name, or built-in names). */
    static RuleSet ruleSet(String rule, String... pipelines) {
        RuleSetBuilder b = Sigma.ruleSet().addRules("rule.yml", rule);
        for (String p : pipelines) {
            b.addPipeline(p.endsWith(".yml") ? file(p) : p);
        }
        return b.build();
    }

    static boolean matches(RuleSet rs, String json) {
        assertEquals(List.of(), rs.diagnostics().stream().filter(Diagnostic::isError).toList());
        List<Match> m = rs.evaluate(Sigma.eventReader().parse(json));
        return !m.isEmpty();
    }

    /** The rule after the example pipelines (files) and built-ins, run by priority. */
    static SigmaRule processed(String rule, String... pipelines) throws IOException, PipelineException {
        List<Pipeline> ps = new ArrayList<>();
        for (String p : pipelines) {
            ps.add(p.endsWith(".yml") ? PipelineLoader.load(p, Files.readString(Path.of(file(p))), Limits.defaults())
                    .pipeline() : BuiltInPipelines.get(p));
        }
        return new PipelineRunner(ps).apply(PipelineFixture.rule(rule));
    }

    @Test
    void fieldMappingRenamesProcessCreationFieldsOnly() throws Exception {
        String r = rule(PROCESS_CREATION, "sel:\n  Image|endswith: '\\whoami.exe'\n  CommandLine|contains: /all\n"
                + "condition: sel");
        RuleSet rs = ruleSet(r, "field-mapping.yml");
        assertTrue(matches(rs, "{\"process\":{\"executable\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\","
                + "\"command_line\":\"whoami /all\"}}"));
        assertTrue(!matches(rs, "{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\","
                + "\"CommandLine\":\"whoami /all\"}"));
        assertEquals("sel: CommandLine='x'\ncondition: sel\n", render(processed(rule("category: process_creation\n"
                + "product: linux", "sel:\n  CommandLine: x\ncondition: sel"), "field-mapping.yml")));
    }

    @Test
    void logsourceTransformationMakesProcessCreationSysmon() throws Exception {
        // change_logsource sets exactly what it names: the rule is now {service: sysmon}, so an item conditioned on
        // service: sysmon (the custom Sysmon naming example) applies to it
        SigmaRule r = processed(rule(PROCESS_CREATION, "sel:\n  CommandLine: x\ncondition: sel"),
                "logsource-to-sysmon.yml", "custom-sysmon-naming.yml");
        assertEquals(LogSource.of(null, null, "sysmon"), r.logsource());
        assertEquals("sel: command_line='x'\ncondition: sel\n", render(r));
    }

    @Test
    void valueReplacementTurnsBackslashesIntoSlashesInPathsOnly() throws Exception {
        String r = rule(PROCESS_CREATION, "sel:\n  Image|endswith: '\\cmd.exe'\n"
                + "  CommandLine|contains: '\\\\server\\'\ncondition: sel");
        assertEquals("sel: (Image='*/cmd.exe' AND CommandLine='*\\server\\\\*')\ncondition: sel\n",
                render(processed(r, "value-replacement.yml")));
        assertTrue(matches(ruleSet(r, "value-replacement.yml"), "{\"Image\":\"C:/Windows/System32/cmd.exe\","
                + "\"CommandLine\":\"cmd /c dir \\\\\\\\server\\\\share\"}"));
    }

    @Test
    void conditionExpressionCombinesNamedConditions() throws Exception {
        String sel = "sel:\n  FieldA: 1\ncondition: sel";
        assertEquals("sel: field_a=1\ncondition: sel\n", render(processed(rule("category: process_creation\n"
                + "product: linux", sel), "condition-expression.yml")));
        assertEquals("sel: FieldA=1\ncondition: sel\n", render(processed(rule(PROCESS_CREATION, sel),
                "condition-expression.yml")));
    }

    @Test
    void customSysmonNamingRunsAfterTheSysmonPipelineByPriority() throws Exception {
        String r = rule(PROCESS_CREATION, "sel:\n  CommandLine|contains: whoami\ncondition: sel");
        // given first, but priority 100 runs after sysmon's 10, which set service: sysmon
        assertEquals("sel: command_line='*whoami*'\n_cond1: EventID=1\ncondition: _cond1 and (sel)\n",
                render(processed(r, "custom-sysmon-naming.yml", "sysmon")));
        RuleSet rs = ruleSet(r, "custom-sysmon-naming.yml", "sysmon");
        assertTrue(matches(rs, "{\"EventID\":1,\"command_line\":\"whoami /all\"}"));
        assertTrue(!matches(rs, "{\"EventID\":1,\"CommandLine\":\"whoami /all\"}"));
    }

    @Test
    void oneToManyMappingMatchesEitherField() {
        RuleSet rs = ruleSet(rule(PROCESS_CREATION, "sel:\n  EventID: 4688\n  CommandLine|contains: whoami\n"
                + "condition: sel"), "one-to-many.yml");
        assertTrue(matches(rs, "{\"EventCode\":4688,\"command_line\":\"whoami\"}"));
        assertTrue(matches(rs, "{\"EventCode\":\"4688\",\"cmdline\":\"whoami\"}"));
        assertTrue(!matches(rs, "{\"EventID\":4688,\"cmdline\":\"whoami\"}"));
    }

    @Test
    void mapStringMapsValuesToOneOrSeveral() throws Exception {
        String r = rule(PROCESS_CREATION, "sel:\n  f: [value1, value2, value3]\ncondition: sel");
        assertEquals("sel: f=['mapped1', 'mapped2A', 'mapped2B', 'value3']\ncondition: sel\n",
                render(processed(r, "map-string.yml")));
        assertTrue(matches(ruleSet(r, "map-string.yml"), "{\"f\":\"mapped2B\"}"));
        assertTrue(!matches(ruleSet(r, "map-string.yml"), "{\"f\":\"value2\"}"));
    }

    @Test
    void nestAppliesItsItemsWhereTheEnclosingItemApplies() throws Exception {
        String sel = "sel:\n  EventID: 1\n  CommandLine: x\ncondition: sel";
        assertEquals("sel: (EventCode=1 AND (command_line='x' OR cmdline='x'))\n_cond1: pipeline='nested'\n"
                + "condition: _cond1 and (sel)\n", render(processed(rule(PROCESS_CREATION, sel), "nest.yml")));
        assertEquals("sel: (EventID=1 AND CommandLine='x')\ncondition: sel\n",
                render(processed(rule("product: linux", sel), "nest.yml")));
    }

    @Test
    void comprehensiveExampleLoadsWithWarningsForTheQueryStages() throws Exception {
        String r = rule(PROCESS_CREATION, "sel:\n  Image|endswith: '\\whoami.exe'\n  User: x\ncondition: sel");
        SigmaRule p = processed(r, "comprehensive.yml");
        assertEquals("sel: (process_path='*\\whoami.exe' AND user='x')\n_cond1: index='main'\n"
                + "condition: _cond1 and (sel)\n", render(p));
        assertEquals(LogSource.of("endpoint", null, null), p.logsource());
        RuleSet rs = ruleSet(r, "comprehensive.yml");
        List<String> warnings = rs.diagnostics().stream().filter(d -> !d.isError()).map(Diagnostic::code).toList();
        assertEquals(List.of("pipeline-query-only", "pipeline-query-only"), warnings);
        assertTrue(matches(rs, "{\"index\":\"main\",\"process_path\":\"C:\\\\x\\\\whoami.exe\",\"user\":\"x\"}"));
    }
}
