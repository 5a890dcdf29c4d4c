package io.sigmaengine.engine.pipeline;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.sigmaengine.engine.pipeline.PipelineFixture.apply;
import static io.sigmaengine.engine.pipeline.PipelineFixture.render;
import static io.sigmaengine.engine.pipeline.PipelineFixture.rule;
import static io.sigmaengine.engine.pipeline.TransformationTest.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each condition type and the {@code _op}/{@code _not}/{@code _expr} forms, with pySigma's semantics. */
class ConditionTest {

    static final String RULE = rule("product: windows\ncategory: process_creation",
            "sel:\n  Image|endswith: '\\cmd.exe'\n  CommandLine: [whoami, 'net user']\n  EventID: 4688\n"
                    + "  ParentImage: null\ncondition: sel")
            + "custom_score: 75\n";

    /** Whether an {@code add_condition} item with these rule conditions applies to {@link #RULE}. */
    static boolean ruleApplies(String conditions, String... before) throws PipelineException {
        String[] pipelines = new String[before.length + 1];
        System.arraycopy(before, 0, pipelines, 0, before.length);
        pipelines[before.length] = item("type: add_condition\nconditions:\n  marker: 1\n" + conditions);
        return render(apply(RULE, pipelines)).contains("marker=1");
    }

    /** What a {@code set_value} item with these conditions leaves of {@link #RULE}'s items. */
    static String setValue(String conditions, String... before) throws PipelineException {
        String[] pipelines = new String[before.length + 1];
        System.arraycopy(before, 0, pipelines, 0, before.length);
        pipelines[before.length] = item("type: set_value\nvalue: X\n" + conditions);
        return render(apply(RULE, pipelines)).lines().findFirst().orElseThrow();
    }

    @Nested
    class RuleConditions {
        @Test
        void logsourceCoversTheKeysItSets() throws PipelineException {
            assertTrue(ruleApplies("rule_conditions:\n  - type: logsource\n    product: windows"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: logsource\n    category: process_creation\n"
                    + "    product: windows"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: logsource\n    service: security"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: logsource\n    product: linux"));
        }

        @Test
        void containsDetectionItemAndContainsField() throws PipelineException {
            assertTrue(ruleApplies("rule_conditions:\n  - type: contains_detection_item\n    field: CommandLine\n"
                    + "    value: whoami"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: contains_detection_item\n    field: CommandLine\n"
                    + "    value: WHOAMI"), "values compare exactly, as in pySigma");
            assertTrue(ruleApplies("rule_conditions:\n  - type: contains_detection_item\n    field: EventID\n"
                    + "    value: 4688"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: contains_detection_item\n    field: EventID\n"
                    + "    value: '4688'"), "a string is not the number");
            assertTrue(ruleApplies("rule_conditions:\n  - type: contains_field\n    field: ParentImage"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: contains_field\n    field: User"));
        }

        @Test
        void processingItemAppliedAndProcessingState() throws PipelineException {
            String first = item("id: first\ntype: set_state\nkey: stage\nval: 2\nrule_conditions:\n"
                    + "  - type: logsource\n    product: windows");
            assertTrue(ruleApplies("rule_conditions:\n  - type: processing_item_applied\n"
                    + "    processing_item_id: first", first));
            assertFalse(ruleApplies("rule_conditions:\n  - type: processing_item_applied\n"
                    + "    processing_item_id: first"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: processing_state\n    key: stage\n    val: 2", first));
            assertTrue(ruleApplies("rule_conditions:\n  - type: processing_state\n    key: stage\n    val: 1\n"
                    + "    op: gt", first));
            assertFalse(ruleApplies("rule_conditions:\n  - type: processing_state\n    key: stage\n    val: 2\n"
                    + "    op: ne", first));
            assertFalse(ruleApplies("rule_conditions:\n  - type: processing_state\n    key: other\n    val: 2\n"
                    + "    op: ne", first), "a key never set matches nothing");
        }

        @Test
        void ruleKindAttributesAndTags() throws PipelineException {
            assertTrue(ruleApplies("rule_conditions:\n  - type: is_sigma_rule"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: is_sigma_correlation_rule"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: level\n"
                    + "    value: medium\n    op: gte"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: status\n"
                    + "    value: stable\n    op: gte"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: id\n"
                    + "    value: 5d0f8c5a-1b4e-4c43-9a3a-7f2f7a1d1e01"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: tags\n"
                    + "    value: attack.execution\n    op: in"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: custom_score\n"
                    + "    value: 50\n    op: gt"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: rule_attribute\n    attribute: unknown\n"
                    + "    value: 1"));
            assertTrue(ruleApplies("rule_conditions:\n  - type: tag\n    tag: attack.execution"));
            assertFalse(ruleApplies("rule_conditions:\n  - type: tag\n    tag: attack.persistence"));
        }

        @Test
        void opNotAndExpr() throws PipelineException {
            String two = "rule_conditions:\n  - type: logsource\n    product: linux\n  - type: tag\n"
                    + "    tag: attack.execution\n";
            assertFalse(ruleApplies(two));
            assertTrue(ruleApplies(two + "rule_cond_op: or"));
            assertTrue(ruleApplies(two + "rule_cond_not: true"));
            String named = "rule_conditions:\n  linux:\n    type: logsource\n    product: linux\n  exec:\n"
                    + "    type: tag\n    tag: attack.execution\n";
            assertTrue(ruleApplies(named + "rule_cond_expr: exec and not linux"));
            assertFalse(ruleApplies(named + "rule_cond_expr: not (exec or linux)"));
            assertFalse(ruleApplies(named), "named conditions without an expression are ANDed");
        }
    }

    @Nested
    class DetectionItemConditions {
        @Test
        void matchStringIsAnchoredAtTheStartOnly() throws PipelineException {
            assertEquals("sel: (Image='X' AND CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "ParentImage=null)",
                    setValue("detection_item_conditions:\n  - type: match_string\n    pattern: '\\*\\\\cmd'\n"
                            + "    cond: any"));
            assertEquals("sel: (Image='*\\cmd.exe' AND CommandLine=['X', 'X'] AND EventID=4688 AND ParentImage=null)",
                    setValue("detection_item_conditions:\n  - type: match_string\n    pattern: 'who|net'\n"
                            + "    cond: all"));
            assertEquals("sel: (Image='*\\cmd.exe' AND CommandLine=['X', 'X'] AND EventID='X' AND ParentImage='X')",
                    setValue("detection_item_conditions:\n  - type: match_string\n    pattern: '\\*'\n"
                            + "    negate: true\n    cond: all"), "negate applies per value; non-strings count");
        }

        @Test
        void matchValueWildcardAndNull() throws PipelineException {
            assertEquals("sel: (Image='*\\cmd.exe' AND CommandLine=['whoami', 'net user'] AND EventID='X' AND "
                    + "ParentImage=null)", setValue("detection_item_conditions:\n  - type: match_value\n"
                    + "    value: 4688\n    cond: any"));
            assertEquals("sel: (Image='X' AND CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "ParentImage=null)", setValue("detection_item_conditions:\n  - type: contains_wildcard\n"
                    + "    cond: any"));
            assertEquals("sel: (Image='*\\cmd.exe' AND CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "ParentImage='X')", setValue("detection_item_conditions:\n  - type: is_null\n    cond: all"));
        }

        @Test
        void processingItemAppliedFollowsTheItemThroughRenames() throws PipelineException {
            String map = item("id: map\ntype: field_name_mapping\nmapping:\n  CommandLine: [cmd, cmdline]");
            assertEquals("sel: (Image='*\\cmd.exe' AND (cmd=['X', 'X'] OR cmdline=['X', 'X']) AND EventID=4688 AND "
                    + "ParentImage=null)", setValue("detection_item_conditions:\n  - type: processing_item_applied\n"
                    + "    processing_item_id: map", map));
        }

        @Test
        void processingStateAndExpr() throws PipelineException {
            String state = item("type: set_state\nkey: k\nval: v");
            assertTrue(setValue("detection_item_conditions:\n  - type: processing_state\n    key: k\n    val: v",
                    state).contains("Image='X'"));
            assertEquals("sel: (Image='*\\cmd.exe' AND CommandLine=['whoami', 'net user'] AND EventID='X' AND "
                    + "ParentImage='X')", setValue("detection_item_conditions:\n  wild:\n    type: contains_wildcard\n"
                    + "    cond: any\n  strings:\n    type: match_string\n    pattern: w\n    cond: any\n"
                    + "detection_item_cond_expr: not wild and not strings"));
        }
    }

    @Nested
    class FieldNameConditions {
        static final String PREFIX = "type: field_name_prefix\nprefix: 'p.'\n";

        @Test
        void includeAndExcludeFieldsPlainAndRegex() throws PipelineException {
            assertEquals("sel: (p.Image='*\\cmd.exe' AND CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "p.ParentImage=null)", first(item(PREFIX + "field_name_conditions:\n  - type: include_fields\n"
                    + "    fields: [Image, ParentImage]")));
            assertEquals("sel: (p.Image='*\\cmd.exe' AND CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "p.ParentImage=null)", first(item(PREFIX + "field_name_conditions:\n  - type: include_fields\n"
                    + "    mode: re\n    fields: ['.*Ima']")), "re mode matches at the start, not the whole name");
            assertEquals("sel: (Image='*\\cmd.exe' AND p.CommandLine=['whoami', 'net user'] AND p.EventID=4688 AND "
                    + "ParentImage=null)", first(item(PREFIX + "field_name_conditions:\n  - type: exclude_fields\n"
                    + "    mode: re\n    fields: ['Image', 'Parent']")));
        }

        @Test
        void prefixWhatAnEarlierMappingLeftAlone() throws PipelineException {
            // the ECS pattern: prefix every field not mapped by 'map' and without a dot in its name
            String map = item("id: map\ntype: field_name_mapping\nmapping:\n  Image: process.executable\n"
                    + "  EventID: code");
            String prefix = item("type: field_name_prefix\nprefix: 'winlog.event_data.'\nfield_name_conditions:\n"
                    + "  - type: processing_item_applied\n    processing_item_id: map\n  - type: include_fields\n"
                    + "    mode: re\n    fields: ['\\w+\\.']\nfield_name_cond_op: or\nfield_name_cond_not: true");
            assertEquals("sel: (process.executable='*\\cmd.exe' AND winlog.event_data.CommandLine=['whoami', "
                    + "'net user'] AND code=4688 AND winlog.event_data.ParentImage=null)", first(map, prefix));
        }

        @Test
        void processingStateAndExpr() throws PipelineException {
            assertEquals("sel: (Image='*\\cmd.exe' AND p.CommandLine=['whoami', 'net user'] AND EventID=4688 AND "
                    + "ParentImage=null)", first(item("type: set_state\nkey: on\nval: yes"), item(PREFIX
                    + "field_name_conditions:\n  state:\n    type: processing_state\n    key: on\n    val: yes\n"
                    + "  cmd:\n    type: include_fields\n    fields: [CommandLine]\n"
                    + "field_name_cond_expr: state and cmd")));
        }

        private String first(String... pipelines) throws PipelineException {
            return render(apply(RULE, pipelines)).lines().findFirst().orElseThrow();
        }
    }
}
