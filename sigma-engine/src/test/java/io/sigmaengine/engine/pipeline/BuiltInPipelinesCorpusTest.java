package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleKind;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.load.LoadedRules;
import io.sigmaengine.engine.load.RuleLoader;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.SigmaRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every SigmaHQ Windows rule ({@code rules/windows}) through the built-in pipelines: how many load, and which are
 * refused for which reason.
 */
class BuiltInPipelinesCorpusTest {

    static final Path WINDOWS = SharedData.corpus().resolve("sigmahq/rules/windows");
    static final int WINDOWS_RULES = 2407;

    static RuleSet load(String... pipelines) {
        RuleSetBuilder b = Sigma.ruleSet().addRules(WINDOWS);
        for (String p : pipelines) {
            b.addPipeline(p);
        }
        return b.build();
    }

    /** Error diagnostics by reason (the message up to the quoted detection items), counted. */
    static Map<String, Long> refusals(RuleSet rs) {
        return rs.diagnostics().stream().filter(Diagnostic::isError)
                .collect(Collectors.groupingBy(d -> d.code() + ": " + d.message().replaceAll(" \\('.*$", ""),
                        TreeMap::new, Collectors.counting()));
    }

    static long detections(RuleSet rs) {
        return rs.rules().stream().filter(r -> r.kind() == RuleKind.DETECTION).count();
    }

    @Test
    void everyWindowsRuleLoadsWithEcsWindows() {
        RuleSet rs = load("sysmon", "ecs-windows");
        assertEquals(Map.of(), refusals(rs), "rules ecs-windows cannot serve");
        assertEquals(WINDOWS_RULES, detections(rs));
        assertEquals(0, rs.rejectedCount());
        assertEquals(List.of(), rs.diagnostics().stream().filter(d -> d.code().startsWith("pipeline")).toList());
    }

    /** After sysmon and ecs-windows, every field a rule names is an ECS field or one under winlog.event_data. */
    @Test
    void ecsWindowsLeavesNoSysmonFieldName() throws IOException, PipelineException {
        Diagnostics d = new Diagnostics();
        LoadedRules loaded = new LoadedRules();
        RuleLoader loader = new RuleLoader(Limits.defaults(), d, loaded);
        for (Path p : RuleLoader.ruleFiles(WINDOWS)) {
            loader.loadFile(p);
        }
        PipelineRunner runner = new PipelineRunner(List.of(BuiltInPipelines.get("sysmon"),
                BuiltInPipelines.get("ecs-windows")));
        TreeSet<String> dotless = new TreeSet<>();
        Map<String, Long> prefixes = new TreeMap<>();
        for (SigmaRule rule : loaded.rules()) {
            for (DetectionItem i : items(runner.apply(rule))) {
                if (i.field() != null && i.field().indexOf('.') < 0) {
                    dotless.add(i.field());
                } else if (i.field() != null) {
                    prefixes.merge(i.field().substring(0, i.field().indexOf('.')), 1L, Long::sum);
                }
            }
        }
        assertEquals(WINDOWS_RULES, loaded.rules().size());
        assertEquals(new TreeSet<>(), dotless);
        assertEquals("{destination=83, dns=35, event=2212, file=705, hash=80, network=49, powershell=303, "
                + "process=5273, registry=458, service=7, source=27, user=46, winlog=3735}", prefixes.toString(),
                "detection items by the first part of the field name");
    }

    @Test
    void windowsAuditRefusesTheRulesSecurityEventsCannotServe() {
        RuleSet rs = load("windows-audit", "windows");
        assertEquals(Map.of(
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4657 has no equivalent of Sysmon's TargetObject (it names the key as "
                        + "\\REGISTRY\\... in ObjectName and the value in ObjectValueName) or EventType", 236L,
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4688 does not record the version information of the executable", 53L,
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4688 does not record the parent's command line", 25L,
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4688 has no DOMAIN\\user field (it splits the account into "
                        + "SubjectUserName and SubjectDomainName)", 8L,
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4688 does not record file hashes", 2L,
                "pipeline-unservable: the rule can never match: "
                        + "Security event 4688 does not record the working directory", 1L), refusals(rs));
        assertEquals(325, rs.rejectedCount());
        assertEquals(WINDOWS_RULES - 325, detections(rs));
        for (Diagnostic d : rs.diagnostics()) {
            assertTrue(d.rule() != null && d.location().line() > 0, "each refusal names its rule: " + d);
        }
    }

    @Test
    void everyWindowsRuleLoadsWithTheOtherBuiltIns() {
        for (List<String> pipelines : List.of(List.of("sysmon", "windows"), List.of("sysmon", "ecs-windows-old"))) {
            RuleSet rs = load(pipelines.toArray(String[]::new));
            assertEquals(Map.of(), refusals(rs), pipelines.toString());
            assertEquals(WINDOWS_RULES, detections(rs), pipelines.toString());
        }
    }

    private static List<DetectionItem> items(SigmaRule r) {
        List<DetectionItem> out = new ArrayList<>();
        for (Detection d : r.detections()) {
            collect(d.body(), out);
        }
        return out;
    }

    private static void collect(DetectionNode n, List<DetectionItem> out) {
        if (n instanceof DetectionNode.Item it) {
            out.add(it.item());
        } else {
            (n instanceof DetectionNode.AllOf a ? a.children() : ((DetectionNode.AnyOf) n).children())
                    .forEach(c -> collect(c, out));
        }
    }
}
