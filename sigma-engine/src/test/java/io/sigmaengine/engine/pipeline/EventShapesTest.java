package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same activity in every event shape, matched by the same SigmaHQ rules (read from the corpus) through the
 * built-in pipeline for that shape. The events (written for this test) are, in each file: {@code whoami /all} started
 * by rundll32, the same command started by cmd.exe, and a renamed copy of whoami ({@code C:\Users\Public\svc.exe},
 * OriginalFileName {@code whoami.exe}) started by cmd.exe.
 */
class EventShapesTest {

    static final Path PROCESS_CREATION = SharedData.corpus().resolve("sigmahq/rules/windows/process_creation");
    static final String ALL = "Enumerate All Information With Whoami.EXE";
    static final String PARENT = "Whoami.EXE Execution Anomaly";
    static final String RENAMED = "Renamed Whoami Execution";

    static RuleSet rules(String... pipelines) {
        RuleSetBuilder b = Sigma.ruleSet();
        for (String r : List.of("proc_creation_win_whoami_all_execution.yml",
                "proc_creation_win_whoami_parent_anomaly.yml", "proc_creation_win_renamed_whoami.yml")) {
            b.addRules(PROCESS_CREATION.resolve(r));
        }
        for (String p : pipelines) {
            b.addPipeline(p);
        }
        return b.build();
    }

    /** The titles of the rules matching each event of a test resource file, in file order. */
    static List<Set<String>> matches(RuleSet rs, String file) throws IOException {
        List<Set<String>> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (InputStream in = EventShapesTest.class.getResourceAsStream("events/" + file)) {
            EventFileReader.read(file, in, new JsonEventReader(Limits.defaults()), new EventReader.RecordListener() {
                @Override
                public void onEvent(Event event, long line) {
                    Set<String> titles = new TreeSet<>();
                    for (Match m : rs.evaluate(event)) {
                        titles.add(m.rule().title());
                    }
                    out.add(titles);
                }

                @Override
                public void onError(long line, String reason) {
                    problems.add(line + ": " + reason);
                }
            });
        }
        assertEquals(List.of(), problems);
        assertEquals(3, out.size(), file);
        return out;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "whoami-sysmon.jsonl,           sysmon windows",
        "whoami-sysmon-evtx.json,       sysmon windows",
        "whoami-winlogbeat-ecs.json,    sysmon ecs-windows",
        "whoami-ecs-flat.jsonl,         sysmon ecs-windows",
        "whoami-winlogbeat6.jsonl,      sysmon ecs-windows-old",
    })
    void sysmonActivityInEveryShape(String file, String pipelines) throws IOException {
        RuleSet rs = rules(pipelines.split(" "));
        assertEquals(List.of(), rs.diagnostics().stream().filter(Diagnostic::isError).toList());
        assertEquals(List.of(Set.of(ALL, PARENT), Set.of(ALL), Set.of(RENAMED)), matches(rs, file));
    }

    @Test
    void securityEvent4688WithWindowsAudit() throws IOException {
        RuleSet rs = rules("windows-audit", "windows");
        // 4688 does not record OriginalFileName: the renamed-binary rule cannot work and says so
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("pipeline-unservable", errors.get(0).code());
        assertEquals("f1086bf7-a0c4-4a37-9102-01e573caf4a0", errors.get(0).rule());
        assertTrue(errors.get(0).message().contains("Security event 4688 does not record the version information "
                + "of the executable ('OriginalFileName')"), errors.get(0).message());
        // the others match through NewProcessName, ParentProcessName and CommandLine
        assertEquals(List.of(Set.of(ALL, PARENT), Set.of(ALL), Set.of()),
                matches(rs, "whoami-security-4688-evtx.json"));
    }

    @Test
    void theChannelConditionsKeepEachShapeToItsPipeline() throws IOException {
        List<Set<String>> none = List.of(Set.of(), Set.of(), Set.of());
        RuleSet sysmon = rules("sysmon", "windows");
        assertEquals(none, matches(sysmon, "whoami-winlogbeat-ecs.json"));
        assertEquals(none, matches(sysmon, "whoami-security-4688-evtx.json"));
        RuleSet ecs = rules("sysmon", "ecs-windows");
        assertEquals(none, matches(ecs, "whoami-sysmon.jsonl"));
        assertEquals(none, matches(rules("windows-audit", "windows"), "whoami-sysmon-evtx.json"));
    }

    @Test
    void withoutPipelinesOnlyTheSysmonNamedShapesMatch() throws IOException {
        RuleSet plain = rules();
        assertEquals(List.of(Set.of(ALL, PARENT), Set.of(ALL), Set.of(RENAMED)),
                matches(plain, "whoami-sysmon-evtx.json"));
        assertEquals(List.of(Set.of(), Set.of(), Set.of()), matches(plain, "whoami-winlogbeat-ecs.json"));
    }
}
