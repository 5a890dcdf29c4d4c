package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.SigmaRule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sigmaengine.engine.pipeline.PipelineFixture.apply;
import static io.sigmaengine.engine.pipeline.PipelineFixture.matches;
import static io.sigmaengine.engine.pipeline.PipelineFixture.render;
import static io.sigmaengine.engine.pipeline.PipelineFixture.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each transformation type, with pySigma's semantics (one nested class per type). */
class TransformationTest {

    static final String WIN = "product: windows\ncategory: process_creation";

    static String item(String yaml) {
        return "transformations:\n" + ("- " + yaml.replace("\n", "\n  ")).indent(2);
    }

    @Nested
    class FieldNameMapping {
        @Test
        void renamesOneToOneAndOneToManyAsAnOr() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\n  CommandLine: b\ncondition: sel"),
                    item("type: field_name_mapping\nmapping:\n  Image: process.executable\n"
                            + "  CommandLine: [process.command_line, cmdline]"));
            assertEquals("sel: (process.executable='a' AND (process.command_line='b' OR cmdline='b'))\n"
                    + "condition: sel\n", render(r));
        }

        @Test
        void renamesFieldReferencesAndTheFieldsList() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image|fieldref: ParentImage\ncondition: sel")
                            + "fields: [Image, User]\n",
                    item("type: field_name_mapping\nmapping:\n  Image: process.executable\n"
                            + "  ParentImage: process.parent.executable\n  User: [user.name, user.id]"));
            assertEquals("sel: process.executable=fieldref(process.parent.executable)\ncondition: sel\n", render(r));
            assertEquals(List.of("process.executable", "user.name", "user.id"), r.meta().fields());
        }

        @Test
        void aKeywordMappedToAFieldKeepsMatchingSubstrings() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "kw:\n  - mimikatz\ncondition: kw"),
                    item("type: field_name_mapping\nmapping:\n  null: message"));
            assertEquals("kw: message='*mimikatz*'\ncondition: kw\n", render(r));
        }

        @Test
        void fieldNameConditionsSelectWhichFieldsAreRenamed() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\n  ParentImage: b\ncondition: sel"),
                    item("type: field_name_mapping\nmapping:\n  Image: x\n  ParentImage: y\n"
                            + "field_name_conditions:\n  - type: exclude_fields\n    fields: [ParentImage]"));
            assertEquals("sel: (x='a' AND ParentImage='b')\ncondition: sel\n", render(r));
        }

        @Test
        void matchesEventsUnderTheNewNames() {
            String rules = rule(WIN, "sel:\n  CommandLine|contains: whoami\ncondition: sel");
            String p = item("type: field_name_mapping\nmapping:\n  CommandLine: [process.command_line, cmd]");
            assertEquals(List.of("Test"), matches(rules, "{\"process\":{\"command_line\":\"WHOAMI /all\"}}", p));
            assertEquals(List.of("Test"), matches(rules, "{\"cmd\":\"whoami\"}", p));
            assertEquals(List.of(), matches(rules, "{\"CommandLine\":\"whoami\"}", p));
        }
    }

    @Nested
    class PrefixAndSuffix {
        @Test
        void prefixMappingReplacesTheFirstMatchingPrefix() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  win.a: 1\n  win.sys.b: 2\n  other: 3\ncondition: sel"),
                    item("type: field_name_prefix_mapping\nmapping:\n  win.sys.: [system., sys.]\n"
                            + "  win.: windows."));
            assertEquals("sel: (windows.a=1 AND (system.b=2 OR sys.b=2) AND other=3)\ncondition: sel\n", render(r));
        }

        @Test
        void prefixAndSuffixLeaveKeywordsAlone() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\nkw:\n  - b\ncondition: sel and kw"),
                    item("type: field_name_prefix\nprefix: 'winlog.event_data.'"),
                    item("type: field_name_suffix\nsuffix: '.keyword'"));
            assertEquals("sel: winlog.event_data.Image.keyword='a'\nkw: <keyword>='b'\ncondition: sel and kw\n",
                    render(r));
        }
    }

    @Nested
    class DropDetectionItem {
        @Test
        void dropsSelectedItemsAndEmptiedDetectionsLeaveTheCondition() {
            String rules = rule(WIN, "sel:\n  Image|endswith: '\\cmd.exe'\n  OriginalFileName: Cmd.Exe\n"
                    + "filter:\n  OriginalFileName: x\ncondition: sel and not filter");
            String p = item("type: drop_detection_item\nfield_name_conditions:\n  - type: include_fields\n"
                    + "    fields: [OriginalFileName]");
            assertEquals(List.of("Test"), matches(rules, "{\"Image\":\"C:\\\\Windows\\\\cmd.exe\"}", p));
        }

        @Test
        void dropsByValue() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: [a, b]\n  User: c\ncondition: sel"),
                    item("type: drop_detection_item\ndetection_item_conditions:\n  - type: match_string\n"
                            + "    pattern: '^c$'\n    cond: any"));
            assertEquals("sel: Image=['a', 'b']\ncondition: sel\n", render(r));
        }
    }

    @Nested
    class AddCondition {
        @Test
        void addsADetectionAndAndsItWithEveryCondition() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\ncondition: sel"),
                    item("type: add_condition\nconditions:\n  EventID: 1\n  Channel|startswith: Sys"));
            assertEquals("sel: Image='a'\n_cond1: (EventID=1 AND Channel='Sys*')\ncondition: _cond1 and (sel)\n",
                    render(r));
        }

        @Test
        void negatedNamedAndTemplated() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\ncondition: sel"),
                    item("type: add_condition\nname: _source\nnegated: true\ntemplate: true\nconditions:\n"
                            + "  source: '$product/$category/$service'"));
            assertEquals("sel: Image='a'\n_source: source='windows/process_creation/'\n"
                    + "condition: not _source and (sel)\n", render(r));
        }

        @Test
        void matchesOnlyEventsWithTheAddedCondition() {
            String rules = rule(WIN, "sel:\n  Image: a\ncondition: sel");
            String p = item("type: add_condition\nconditions:\n  EventID: 4688");
            assertEquals(List.of("Test"), matches(rules, "{\"Image\":\"a\",\"EventID\":\"4688\"}", p));
            assertEquals(List.of(), matches(rules, "{\"Image\":\"a\",\"EventID\":1}", p));
        }
    }

    @Nested
    class ChangeLogsource {
        @Test
        void replacesTheLogSourceAndLaterConditionsSeeIt() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image: a\ncondition: sel"),
                    item("type: change_logsource\nservice: sysmon\nproduct: windows"),
                    item("type: add_condition\nconditions:\n  Channel: Sysmon\nrule_conditions:\n"
                            + "  - type: logsource\n    service: sysmon"));
            assertEquals(LogSource.of(null, "windows", "sysmon"), r.logsource(),
                    "pySigma replaces the whole log source: the category is cleared");
            assertTrue(render(r).contains("Channel='Sysmon'"));
        }
    }

    @Nested
    class Placeholders {
        static final String RULE = rule(WIN, "sel:\n  User|expand: '%Admins%'\n  Image|expand: '%dir%\\x.exe'\n"
                + "condition: sel");

        @Test
        void valuePlaceholdersUseThePipelineVars() throws PipelineException {
            SigmaRule r = apply(RULE, "vars:\n  Admins: [adm_*, root]\n  dir: 'C:\\Temp'\n"
                    + item("type: value_placeholders"));
            assertEquals("sel: (User={'adm_*'|'root'} AND Image='C:\\Temp\\x.exe')\ncondition: sel\n", render(r));
        }

        @Test
        void aMissingVariableFailsTheRuleUnlessExcluded() throws PipelineException {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(RULE,
                    "vars:\n  Admins: root\n" + item("type: value_placeholders")));
            assertTrue(e.getMessage().contains("%dir%"), e.getMessage());
            SigmaRule r = apply(RULE, "vars:\n  Admins: root\n" + item("type: value_placeholders\nexclude: [dir]"),
                    item("type: wildcard_placeholders"));
            assertEquals("sel: (User='root' AND Image='*\\x.exe')\ncondition: sel\n", render(r));
        }

        @Test
        void varsOfSeveralPipelinesAreMergedLaterWins() throws PipelineException {
            SigmaRule r = apply(RULE, "priority: 10\nvars:\n  Admins: a\n  dir: d\n",
                    "priority: 20\nvars:\n  Admins: b\n" + item("type: value_placeholders"));
            assertEquals("sel: (User='b' AND Image='d\\x.exe')\ncondition: sel\n", render(r));
        }
    }

    @Nested
    class ConvertTypeAndSetValue {
        @Test
        void convertsNumbersAndBooleansToStringsAndBack() throws PipelineException {
            String r = rule(WIN, "sel:\n  EventID: 4688\n  Flag: true\n  Name: x\n  Port|gt: 10\n"
                    + "  Ip|cidr: 10.0.0.0/8\ncondition: sel");
            assertEquals("sel: (EventID='4688' AND Flag='true' AND Name='x' AND Port=Compare[op=GT, bound=10] AND "
                            + "Ip=Cidr[network=10.0.0.0/8])\ncondition: sel\n",
                    render(apply(r, item("type: convert_type\ntarget_type: str"))));
            assertEquals("sel: EventID=4688\ncondition: sel\n", render(apply(rule(WIN,
                    "sel:\n  EventID: '4688'\ncondition: sel"), item("type: convert_type\ntarget_type: num"))));
            assertThrows(PipelineException.class, () -> apply(r, item("type: convert_type\ntarget_type: num")));
        }

        @Test
        void setValueReplacesSelectedValuesKeepingTheType() throws PipelineException {
            String r = rule(WIN, "sel:\n  Initiated: 'true'\n  Port: 80\ncondition: sel");
            assertEquals("sel: (Initiated='egress' AND Port=80)\ncondition: sel\n", render(apply(r,
                    item("type: set_value\nvalue: egress\nfield_name_conditions:\n  - type: include_fields\n"
                            + "    fields: [Initiated]"))));
            assertEquals("sel: (Initiated=1 AND Port=1)\ncondition: sel\n", render(apply(r,
                    item("type: set_value\nvalue: '1'\nforce_type: num"))));
            assertEquals("sel: (Initiated='80' AND Port='80')\ncondition: sel\n", render(apply(r,
                    item("type: set_value\nvalue: 80\nforce_type: str"))));
        }
    }

    @Nested
    class ReplaceString {
        @Test
        void replacesOnTheRuleTextWithGroupReferences() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Image|endswith: '\\\\cmd.exe'\n  Id: 1234\ncondition: sel"),
                    item("type: replace_string\nregex: '\\\\(\\w+)\\.exe$'\nreplacement: '/\\1.bin'"),
                    item("type: replace_string\nregex: '^(\\d)(?P<rest>\\d+)$'\nreplacement: '\\g<rest>\\g<1>'"));
            assertEquals("sel: (Image='*/cmd.bin' AND Id='2341')\ncondition: sel\n", render(r));
        }

        @Test
        void theResultIsParsedAgainUnlessSkipSpecial() throws PipelineException {
            String r = rule(WIN, "sel:\n  Path|startswith: 'C:\\Users\\'\ncondition: sel");
            // the rule text is 'C:\Users\\*': a literal backslash, then the wildcard
            assertEquals("sel: Path='%USERPROFILE%\\\\*'\ncondition: sel\n", render(apply(r,
                    item("type: replace_string\nregex: '^C:\\\\Users'\nreplacement: '%USERPROFILE%'"))));
            assertEquals("sel: Path='C:\\U?ers\\\\*'\ncondition: sel\n", render(apply(r,
                    item("type: replace_string\nregex: 'Us'\nreplacement: 'U?'"))), "default: '?' becomes a wildcard");
            assertEquals("sel: Path='C:\\U\\?ers\\\\*'\ncondition: sel\n", render(apply(r,
                    item("type: replace_string\nregex: 'Us'\nreplacement: 'U?'\nskip_special: true"))),
                    "skip_special: a literal '?'");
            assertEquals("sel: Path='C:\\U?ers\\\\*'\ncondition: sel\n", render(apply(r,
                    item("type: replace_string\nregex: 'Us'\nreplacement: 'U?'\nskip_special: true\n"
                            + "interpret_special: true"))), "interpret_special: a wildcard again");
            // as Python's re.sub('.*', 'x', s) gives 'xx' (the empty match at the end is replaced too)
            assertEquals("sel: Path='xx*'\ncondition: sel\n", render(apply(r,
                    item("type: replace_string\nregex: '.*'\nreplacement: 'x'\nskip_special: true"))),
                    "skip_special leaves the wildcard alone");
        }

        @Test
        void replacementTemplatesFollowPython() {
            com.google.re2j.Pattern p = PipelineRegex.compile("(?P<k>\\w+)=(\\d+)");
            assertEquals("7:a|a\\n\0", PipelineRegex.Replacement.parse("\\2:\\g<k>|\\g<1>\\\\n\\0", p)
                    .replaceAll(p, "a=7"));
            assertEquals("x-x-", PipelineRegex.Replacement.parse("\\g<0>-", PipelineRegex.compile("x"))
                    .replaceAll(PipelineRegex.compile("x"), "xx"));
        }

        @Test
        void placeholdersSurvive() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  User|expand: 'DOM/%Admins%'\ncondition: sel"),
                    item("type: replace_string\nregex: '^DOM'\nreplacement: 'CORP'"),
                    "vars:\n  Admins: root\n" + item("type: value_placeholders"));
            assertEquals("sel: User='CORP/root'\ncondition: sel\n", render(r));
        }
    }

    @Nested
    class MapString {
        @Test
        void mapsWholeValuesToOneOrSeveralValues() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Level: [High, System, Low]\ncondition: sel"),
                    item("type: map_string\nmapping:\n  High: S-1-16-12288\n  System: [S-1-16-16384, SYSTEM]"));
            assertEquals("sel: Level=['S-1-16-12288', 'S-1-16-16384', 'SYSTEM', 'Low']\ncondition: sel\n", render(r));
        }
    }

    @Nested
    class HashesFields {
        static final String P = item("type: hashes_fields\nvalid_hash_algos: [MD5, SHA256, IMPHASH]\n"
                + "field_prefix: File");

        @Test
        void splitsHashesIntoOneFieldPerAlgorithm() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Hashes|contains:\n    - 'SHA256=AB12'\n    - 'IMPHASH=CD34'\n"
                    + "    - 'md5=0123456789abcdef0123456789abcdef'\n  Image: x\ncondition: sel"), P);
            assertEquals("sel: ((FileSHA256='AB12*' OR FileIMPHASH='CD34*' OR "
                    + "FileMD5='0123456789abcdef0123456789abcdef*') AND Image='x')\ncondition: sel\n", render(r));
        }

        @Test
        void guessesTheAlgorithmFromTheLengthAndCanDropIt() throws PipelineException {
            SigmaRule r = apply(rule(WIN, "sel:\n  Hashes: 0123456789abcdef0123456789abcdef\ncondition: sel"),
                    item("type: hashes_fields\nvalid_hash_algos: [MD5]\nfield_prefix: hash\ndrop_algo_prefix: true"));
            assertEquals("sel: hash='0123456789abcdef0123456789abcdef'\ncondition: sel\n", render(r));
        }

        @Test
        void anAlgorithmThePipelineCannotMapFailsTheRule() {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(rule(WIN,
                    "sel:\n  Hashes|contains: 'SHA1=AB'\ncondition: sel"), P));
            assertTrue(e.getMessage().contains("SHA1=AB"), e.getMessage());
        }
    }

    @Nested
    class Failures {
        @Test
        void ruleFailureRefusesMatchingRules() {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(rule(WIN,
                    "sel:\n  Image: a\ncondition: sel"), "name: strict\n" + item("id: no_windows\ntype: rule_failure\n"
                    + "message: Windows rules are not supported\nrule_conditions:\n  - type: logsource\n"
                    + "    product: windows")));
            assertEquals("pipeline 'strict' item 'no_windows': Windows rules are not supported", e.getMessage());
            assertEquals("pipeline-rule-failure", e.code());
        }

        @Test
        void detectionItemFailureNamesTheItem() {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(rule(WIN,
                    "sel:\n  OriginalFileName|endswith: a\ncondition: sel"), item("type: detection_item_failure\n"
                    + "message: no OriginalFileName here\nfield_name_conditions:\n  - type: include_fields\n"
                    + "    fields: [OriginalFileName]")));
            assertTrue(e.getMessage().endsWith("no OriginalFileName here ('OriginalFileName|endswith')"),
                    e.getMessage());
        }

        @Test
        void strictFieldMappingFailureListsUnmappedFields() throws PipelineException {
            String r = rule(WIN, "sel:\n  Image: a\n  CommandLine: b\n  User: c\ncondition: sel");
            String mapping = item("type: field_name_mapping\nmapping:\n  Image: process.executable");
            PipelineException e = assertThrows(PipelineException.class, () -> apply(r, mapping,
                    item("type: strict_field_mapping_failure")));
            assertTrue(e.getMessage().endsWith("the following fields are not mapped: CommandLine, User"),
                    e.getMessage());
            apply(r, mapping, item("type: field_name_prefix\nprefix: x."), item("type: strict_field_mapping_failure"));
        }
    }

    @Nested
    class FieldUnavailable {
        static final String P = item("type: field_unavailable\nmessage: the target has no OriginalFileName\n"
                + "field_name_conditions:\n  - type: include_fields\n    fields: [OriginalFileName]");

        @Test
        void aRuleThatNeedsTheFieldIsRefusedWithTheReason() {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(rule(WIN,
                    "sel:\n  OriginalFileName: a.exe\nfilter:\n  Image|endswith: '\\a.exe'\n"
                            + "condition: sel and not filter"), P));
            assertEquals("pipeline-unservable", e.code());
            assertEquals("the rule can never match: the target has no OriginalFileName ('OriginalFileName')",
                    e.getMessage());
        }

        @Test
        void aRuleThatOnlyLosesAnAlternativeOrAFilterIsServed() throws PipelineException {
            String alternative = rule(WIN, "sel:\n  - Image|endswith: '\\a.exe'\n  - OriginalFileName: a.exe\n"
                    + "condition: sel");
            assertEquals("sel: (Image='*\\a.exe' OR OriginalFileName='a.exe')\ncondition: sel\n",
                    render(apply(alternative, P)), "the items stay; the unavailable one never matches");
            apply(rule(WIN, "sel:\n  Image|endswith: '\\a.exe'\nfilter:\n  OriginalFileName: a.exe\n"
                    + "condition: sel and not filter"), P);
            apply(rule(WIN, "sel:\n  Image|endswith: '\\a.exe'\n  OriginalFileName: null\ncondition: sel"), P);
            apply(rule(WIN, "sel:\n  Image|endswith: '\\a.exe'\n  OriginalFileName|exists: false\ncondition: sel"), P);
        }

        @Test
        void followsTheItemThroughLaterRenames() {
            PipelineException e = assertThrows(PipelineException.class, () -> apply(rule(WIN,
                    "sel:\n  OriginalFileName|contains: a\n  Image: b\ncondition: 1 of sel*"), P,
                    item("type: field_name_mapping\nmapping:\n  OriginalFileName: [pe.name, pe.original]")));
            assertTrue(e.getMessage().endsWith("('pe.name|contains', 'pe.original|contains')"), e.getMessage());
        }

        @Test
        void matchingIsUnchangedForServedRules() {
            String rules = rule(WIN, "sel:\n  - Image|endswith: '\\a.exe'\n  - OriginalFileName: a.exe\n"
                    + "condition: sel");
            assertEquals(List.of("Test"), matches(rules, "{\"Image\":\"C:\\\\a.exe\"}", P));
            assertEquals(List.of(), matches(rules, "{\"OriginalFileName\":\"b.exe\"}", P));
        }
    }

    @Nested
    class NestAndState {
        @Test
        void nestedItemsRunOnlyWhereTheEnclosingItemApplies() throws PipelineException {
            String p = item("type: nest\nrule_conditions:\n  - type: logsource\n    product: windows\nitems:\n"
                    + "  - type: field_name_mapping\n    mapping:\n      Image: exe\n"
                    + "  - type: set_state\n    key: mapped\n    val: true\n"
                    + "  - type: add_condition\n    conditions:\n      state: ok\n    rule_conditions:\n"
                    + "      - type: processing_state\n        key: mapped\n        val: true");
            assertEquals("sel: exe='a'\n_cond1: state='ok'\ncondition: _cond1 and (sel)\n",
                    render(apply(rule(WIN, "sel:\n  Image: a\ncondition: sel"), p)));
            assertEquals("sel: Image='a'\ncondition: sel\n",
                    render(apply(rule("product: linux", "sel:\n  Image: a\ncondition: sel"), p)));
        }
    }

    @Nested
    class FieldsList {
        @Test
        void addRemoveAndSetTheFieldsList() throws PipelineException {
            String r = rule(WIN, "sel:\n  Image: a\ncondition: sel") + "fields: [A, B]\n";
            assertEquals(List.of("A", "B", "C"), apply(r, item("type: add_field\nfield: C")).meta().fields());
            assertEquals(List.of("B"), apply(r, item("type: remove_field\nfield: [A, X]")).meta().fields());
            assertEquals(List.of("X"), apply(r, item("type: set_field\nfields: [X]")).meta().fields());
        }
    }
}
