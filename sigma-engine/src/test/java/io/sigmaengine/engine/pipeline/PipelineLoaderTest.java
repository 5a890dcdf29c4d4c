package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.model.SigmaRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.sigmaengine.engine.pipeline.PipelineFixture.apply;
import static io.sigmaengine.engine.pipeline.PipelineFixture.pipeline;
import static io.sigmaengine.engine.pipeline.PipelineFixture.render;
import static io.sigmaengine.engine.pipeline.PipelineFixture.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading pipeline files: what is accepted, what is an error (with its position) and what is a warning. */
class PipelineLoaderTest {

    private static ConfigurationException error(String yaml) {
        return assertThrows(ConfigurationException.class, () -> pipeline(yaml));
    }

    @Test
    void readsNamePriorityVarsAndItems() {
        Pipeline p = pipeline("name: My pipeline\npriority: 30\nallowed_backends: [splunk]\nvars:\n  a: x\n"
                + "  b: [1, 2]\ntransformations:\n  - id: one\n    type: field_name_prefix\n    prefix: x.\n");
        assertEquals("My pipeline", p.name());
        assertEquals(30, p.priority());
        assertEquals(List.of("1", "2"), p.vars().get("b"));
        assertEquals("one", p.items().get(0).id());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "||", quoteCharacter = '"', value = {
        "transformations:\\n  - type: nonsense || test-pipeline.yml:2:11 || 'nonsense' is unknown",
        "transformations:\\n  - type: field_name_prefix"
            + "\\n    prefx: a || test-pipeline.yml:3:5 || has no parameter 'prefx'",
        "transformations:\\n  - type: field_name_prefix || test-pipeline.yml:2:5 || missing 'prefix'",
        "transformations:\\n  - type: field_name_transform"
            + "\\n    transform_func: lower || test-pipeline.yml:2:11 || Python function",
        "transformations:\\n  - type: case\\n    method: lower || test-pipeline.yml:2:11 || cannot be used",
        "extra: 1 || test-pipeline.yml:1:1 || unknown pipeline key 'extra'",
        "priority: high || test-pipeline.yml:1:11 || must be an integer",
        "transformations:\\n  - type: replace_string\\n    regex: '(a)\\1'"
            + "\\n    replacement: x || test-pipeline.yml:3:12 || back-references",
        "transformations:\\n  - type: replace_string\\n    regex: a"
            + "\\n    replacement: '\\2' || test-pipeline.yml:4:18 || refers to group 2",
        "transformations:\\n  - type: value_placeholders\\n    include: [a]"
            + "\\n    exclude: [b] || test-pipeline.yml:4:14 || exclude each other",
        "transformations:\\n  - type: convert_type"
            + "\\n    target_type: bool || test-pipeline.yml:3:18 || must be one of [str, num]",
        "transformations:\\n  - type: set_value\\n    value: true"
            + "\\n    force_type: num || test-pipeline.yml:3:12 || string and number values",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions:"
            + "\\n      - type: logsrc || test-pipeline.yml:4:15 || rule condition type 'logsrc' is unknown",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions:\\n      - type: tag"
            + "\\n        tag: execution || test-pipeline.yml:5:14 || namespace.name",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions:"
            + "\\n      - type: rule_attribute\\n        attribute: date"
            + "\\n        value: '2024-01-01' || test-pipeline.yml:5:20 || not supported",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions:"
            + "\\n      a: {type: is_sigma_rule}"
            + "\\n    rule_cond_expr: a and b || test-pipeline.yml:5:21 || undefined condition 'b'",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions:"
            + "\\n      a: {type: is_sigma_rule}\\n      b: {type: is_sigma_rule}"
            + "\\n    rule_cond_expr: a || test-pipeline.yml:6:21 || [b] are defined but not used",
        "transformations:\\n  - type: drop_detection_item\\n    rule_conditions: [{type: is_sigma_rule}]"
            + "\\n    rule_cond_expr: x || test-pipeline.yml:4:21 || as a mapping of named conditions",
        "transformations:\\n  - type: drop_detection_item\\n    detection_item_conditions:"
            + "\\n      - type: match_value\\n        value: 1"
            + "\\n        cond: some || test-pipeline.yml:6:15 || must be one of [any, all]",
        "transformations:\\n  - type: drop_detection_item\\n    field_name_conditions:"
            + "\\n      - type: include_fields\\n        fields: [a]"
            + "\\n        mode: glob || test-pipeline.yml:6:15 || must be one of [plain, re]",
        "transformations:\\n  - type: add_condition\\n    conditions:"
            + "\\n      F|nomodifier: 1 || test-pipeline.yml:4:7 || invalid 'conditions'",
    })
    void errorsNameTheLine(String yaml, String where, String message) {
        ConfigurationException e = error(yaml.replace("\\n", "\n"));
        assertTrue(e.getMessage().startsWith(where + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void queryOnlyPartsAreWarningsAndIgnored() {
        PipelineLoader.Loaded l = PipelineLoader.load("p.yml", "transformations:\n  - type: regex\n"
                + "    method: ignore_case_brackets\n  - type: query_expression_placeholders\n"
                + "    expression: '{field}'\n  - type: set_custom_attribute\n    attribute: a\n    value: b\n"
                + "postprocessing:\n  - type: embed\n    prefix: x\nfinalizers:\n  - type: concat\n",
                Limits.defaults());
        assertEquals(List.of(), l.pipeline().items());
        List<String> where = l.warnings().stream().map(d -> d.location() + " " + d.code()).toList();
        assertEquals(List.of("p.yml:2:11 pipeline-query-only", "p.yml:4:11 pipeline-query-only",
                "p.yml:6:11 pipeline-query-only", "p.yml:9:1 pipeline-query-only", "p.yml:12:1 pipeline-query-only"),
                where);
        assertTrue(l.warnings().stream().allMatch(d -> d.severity() == Diagnostic.Severity.WARNING));
    }

    @Test
    void pipelinesRunByPriorityAndInTheOrderGivenForEqualPriorities() throws PipelineException {
        String rule = rule("product: windows", "sel:\n  A: 1\ncondition: sel");
        SigmaRule r = apply(rule,
                "priority: 20\ntransformations:\n  - type: field_name_prefix\n    prefix: late.\n",
                "priority: 10\ntransformations:\n  - type: field_name_prefix\n    prefix: first.\n",
                "priority: 10\ntransformations:\n  - type: field_name_prefix\n    prefix: second.\n",
                "transformations:\n  - type: field_name_prefix\n    prefix: zero.\n");
        assertEquals("sel: late.second.first.zero.A=1\ncondition: sel\n", render(r));
    }

    @Test
    void anItemWithoutConditionsAlwaysApplies() throws PipelineException {
        // pySigma: with no rule conditions, rule_cond_not has nothing to negate
        SigmaRule r = apply(rule("product: windows", "sel:\n  A: 1\ncondition: sel"),
                "transformations:\n  - type: field_name_prefix\n    prefix: x.\n    rule_cond_not: true\n");
        assertEquals("sel: x.A=1\ncondition: sel\n", render(r));
    }
}
