package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.load.LoadedRules;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaCorrelation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.sigmaengine.engine.pipeline.PipelineFixture.load;
import static io.sigmaengine.engine.pipeline.PipelineFixture.pipeline;
import static io.sigmaengine.engine.pipeline.PipelineFixture.ruleSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipelines over correlation rules: field names of group-by, aliases and condition.field; rule conditions. */
class CorrelationPipelineTest {

    static final String RULES = """
            title: Many targets
            name: many_targets
            correlation:
              type: value_count
              rules: [logon, process]
              group-by: [Host, User]
              timespan: 5m
              aliases:
                Host:
                  logon: WorkstationName
                  process: ComputerName
              condition:
                gte: 3
                field: [TargetUserName]
            fields: [User]
            ---
            title: Logon
            name: logon
            logsource: {product: windows, service: security}
            detection:
              sel:
                EventID: 4624
              condition: sel
            ---
            title: Process
            name: process
            logsource: {product: windows, category: process_creation}
            detection:
              sel:
                Image: x
              condition: sel
            """;

    static SigmaCorrelation correlation(LoadedRules l) {
        return l.correlations().get(0);
    }

    static SigmaCorrelation apply(String pipeline, List<LogSource> referenced) throws PipelineException {
        return new PipelineRunner(List.of(pipeline(pipeline))).apply(correlation(load(RULES)), referenced);
    }

    @Test
    void fieldMappingsRenameGroupByAliasesAndConditionField() throws PipelineException {
        SigmaCorrelation c = apply("""
                transformations:
                  - type: field_name_mapping
                    mapping:
                      User: [user.name, user.domain]
                      WorkstationName: source.domain
                      ComputerName: host.name
                      TargetUserName: user.target.name
                      Host: never.renamed.as.an.alias
                """, List.of());
        assertEquals(List.of("Host", "user.name", "user.domain"), c.groupBy(), "alias names are left alone");
        assertEquals(Map.of("Host", Map.of("logon", "source.domain", "process", "host.name")), c.aliases());
        assertEquals(List.of("user.target.name"), c.valueFields());
        assertEquals(List.of("user.name", "user.domain"), c.meta().fields());
    }

    @Test
    void oneToManyMappingsOfSingleFieldsAreErrors() {
        PipelineException e = assertThrows(PipelineException.class, () -> apply("""
                transformations:
                  - type: field_name_mapping
                    mapping:
                      TargetUserName: [a, b]
                """, List.of()));
        assertTrue(e.getMessage().contains("'TargetUserName' in condition.field is mapped to several fields"),
                e.getMessage());
    }

    @Test
    void anUnavailableGroupByFieldRefusesTheCorrelation() {
        PipelineException e = assertThrows(PipelineException.class, () -> apply("""
                transformations:
                  - type: field_unavailable
                    message: the target has no User
                    field_name_conditions:
                      - {type: include_fields, fields: [User]}
                """, List.of()));
        assertEquals("pipeline 'test-pipeline.yml': the target has no User ('User')", e.getMessage());
    }

    @Test
    void logsourceConditionsHoldIfAnyReferencedRuleMatches() throws PipelineException {
        String p = """
                transformations:
                  - type: field_name_prefix
                    prefix: 'sec.'
                    rule_conditions:
                      - type: logsource
                        service: security
                  - type: add_condition
                    conditions: {ignored: 1}
                """;
        assertEquals(List.of("Host", "sec.User"), apply(p, List.of(LogSource.of("process_creation", "windows", null),
                LogSource.of(null, "windows", "security"))).groupBy());
        assertEquals(List.of("Host", "User"), apply(p, List.of(LogSource.of(null, "linux", null))).groupBy());
    }

    @Test
    void theAssemblerRunsPipelinesOverCorrelationsAndReportsRefusals() {
        String fail = """
                transformations:
                  - type: rule_failure
                    message: correlations are not supported here
                    rule_conditions:
                      - type: is_sigma_correlation_rule
                """;
        RuleSet rs = ruleSet(RULES, fail);
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("many_targets", errors.get(0).rule());
        assertTrue(errors.get(0).message().endsWith("correlations are not supported here"));
        assertEquals(1, rs.rejectedCount());
    }

    @Test
    void referencedLogSourcesFollowCorrelationsOfCorrelations() {
        LogSource a = LogSource.of("process_creation", "windows", "sysmon");
        LoadedRules l = load(RULES);
        SigmaCorrelation c = correlation(l);
        SigmaCorrelation outer = new SigmaCorrelation(c.meta(), c.type(), List.of("many_targets", "unknown"),
                List.of(), c.timespan(), c.thresholds(), List.of(), null, null, Map.of(), false);
        List<LogSource> found = PipelineRunner.referencedLogSources(outer,
                ref -> ref.equals("process") ? a : null, ref -> ref.equals("many_targets") ? c : null);
        assertEquals(List.of(a), found);
    }
}
