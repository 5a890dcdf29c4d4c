package io.sigmaengine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line interface as a user runs it: the README example, exit codes, summaries, bad input. */
class SigmaCliTest {

    /** The project's examples, relative to this module. */
    private static final Path EXAMPLES = Path.of("..", "examples");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SigmaCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void readmeExampleProducesTheDocumentedMatches() {
        Result r = run("scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events",
                EXAMPLES.resolve("events").toString(), "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        // Documented in README.md: six matches, on these lines of the example files.
        assertEquals(List.of(
                "restylink-sysmon-evtx.json:1 693bfbf3-2fdf-4965-9918-0ed068c6800e",
                "restylink-sysmon-evtx.json:33 7621a926-f0fa-45c2-b37e-471c2374343d",
                "restylink-sysmon.jsonl:2 693bfbf3-2fdf-4965-9918-0ed068c6800e",
                "restylink-sysmon.jsonl:3 7621a926-f0fa-45c2-b37e-471c2374343d",
                "restylink-sysmon.jsonl:6 693bfbf3-2fdf-4965-9918-0ed068c6800e",
                "restylink-sysmon.jsonl:7 8e0ecf7c-f6ed-4ca6-ad6f-df4cee9be2e7"),
                lines.stream().map(SigmaCliTest::fileLineRule).toList());
        assertTrue(lines.get(0).contains("\"level\":\"high\"") && lines.get(0).contains("\"tags\":[\"attack.persistence\""),
                lines.get(0));
        assertTrue(r.err().contains("events: 11 read, 11 evaluated, 0 skipped"), r.err());
        assertTrue(r.err().contains("matches: 6"), r.err());
    }

    private static String fileLineRule(String jsonLine) {
        Matcher f = Pattern.compile("\"file\":\"[^\"]*[/\\\\]([^/\\\\\"]+)\",\"line\":(\\d+)").matcher(jsonLine);
        Matcher id = Pattern.compile("\"rule_id\":\"([^\"]+)\"").matcher(jsonLine);
        assertTrue(f.find() && id.find(), jsonLine);
        return f.group(1) + ":" + f.group(2) + " " + id.group(1);
    }

    @Test
    void badLinesAreCountedAndReportedAndTheNextLineStillMatches(@TempDir Path tmp) throws IOException {
        Path events = tmp.resolve("mixed.jsonl");
        String good = Files.readAllLines(EXAMPLES.resolve("events/restylink-sysmon.jsonl")).get(1);
        Files.writeString(events, "{\"EventID\": 1, \"Image\": \n" + good + "\nnot json at all\n\n[1,2]\n" + good + "\n",
                StandardCharsets.UTF_8);
        Result r = run("scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events", events.toString(),
                "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("\"line\":2") && r.out().contains("\"line\":6"), r.out());
        assertTrue(r.err().contains("events: 5 read, 2 evaluated, 3 skipped as unparseable (" + events + ":1, "
                + events + ":3, " + events + ":5)"), r.err());
    }

    @Test
    void checkReportsErrorsWithPositionsAndExitsOne(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yml");
        Files.writeString(bad, "title: bad\nlogsource: {product: windows}\ndetection:\n  sel:\n    f|nosuch: x\n"
                + "  condition: sel\n---\ntitle: good\nlogsource: {product: windows}\ndetection:\n  sel:\n"
                + "    f: x\n  condition: sel\n");
        Result r = run("check", "--rules", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains(bad + ":5:5: error: unknown modifier 'nosuch'"), r.out());
        assertTrue(r.out().trim().endsWith("loaded 1 rules, rejected 1, warnings 0"), r.out());
        assertEquals(0, run("check", "--rules", EXAMPLES.resolve("rules").toString()).code());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("scan", "--rules", EXAMPLES.toString()).code(), "missing --events");
        assertEquals(2, run("scan", "--rules", "/no/such/dir", "--events", "x").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run().code());
        Result r = run("scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events",
                EXAMPLES.resolve("events").toString(), "--pipeline", "no-such-pipeline");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no-such-pipeline"), r.err());
    }

    @Test
    void pipelinesListsTheBuiltIns() {
        Result r = run("pipelines");
        assertEquals(0, r.code());
        assertEquals(List.of("sysmon", "windows", "windows-audit", "ecs-windows", "ecs-windows-old"),
                r.out().lines().map(l -> l.split(" ")[0]).toList(), r.out());
    }

    @Test
    void scanWithTheEcsPipelineMatchesWinlogbeatDocuments(@TempDir Path dir) throws IOException {
        Path events = dir.resolve("winlogbeat.jsonl");
        Files.writeString(events, "{\"event\":{\"code\":\"1\"},\"winlog\":{\"channel\":"
                + "\"Microsoft-Windows-Sysmon/Operational\"},\"process\":{\"executable\":"
                + "\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"command_line\":\"cmd.exe /c "
                + "copy /y C:\\\\Users\\\\alice\\\\x.dot C:\\\\Users\\\\alice\\\\AppData\\\\Roaming"
                + "\\\\Microsoft\\\\Word\\\\STARTUP\\\\pl.dot\"}}\n", StandardCharsets.UTF_8);
        Result sysmon = run("scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events", events.toString());
        assertTrue(sysmon.err().contains("matches: 0"), sysmon.err());
        Result ecs = run("scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events", events.toString(),
                "--pipeline", "sysmon", "--pipeline", "ecs-windows", "--format", "jsonl");
        assertEquals(0, ecs.code(), ecs.err());
        assertTrue(ecs.err().contains("matches: 1"), ecs.err());
        assertTrue(ecs.out().contains("\"rule_id\":\"693bfbf3-2fdf-4965-9918-0ed068c6800e\""), ecs.out());
    }
}
