package io.sigmaengine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sigma scan} with correlation rules: alert lines, the event-time options and the summary counters. */
class ScanCorrelationTest {

    private static final String RULES = """
            title: Brute force then success
            id: 3b7f3a44-1c2b-4a55-9e0c-000000000001
            level: high
            correlation:
              type: temporal_ordered
              rules: [many_failed, success]
              group-by: [TargetUserName]
              timespan: 10m
            ---
            title: Many failed logons
            name: many_failed
            correlation:
              type: event_count
              rules: [failed]
              group-by: [TargetUserName]
              timespan: 5m
              condition: {gte: 3}
            ---
            title: Failed logon
            name: failed
            logsource: {product: test}
            detection:
              sel: {EventID: 4625}
              condition: sel
            ---
            title: Successful logon
            name: success
            logsource: {product: test}
            detection:
              sel: {EventID: 4624}
              condition: sel
            ---
            title: Unrelated
            id: 3b7f3a44-1c2b-4a55-9e0c-000000000003
            logsource: {product: test}
            detection:
              sel: {EventID: 1}
              condition: sel
            """;

    private static final String EVENTS = """
            {"when": "2026-03-01T10:00:00Z", "EventID": 4625, "TargetUserName": "bob"}
            {"when": "2026-03-01T10:00:10Z", "EventID": 4625, "TargetUserName": "bob"}
            {"when": "2026-03-01T10:00:30Z", "EventID": 1}
            {"when": "2026-03-01T10:00:20Z", "EventID": 4625, "TargetUserName": "bob"}
            {"when": "2026-03-01T10:01:00Z", "EventID": 4624, "TargetUserName": "bob"}
            {"EventID": 4625, "TargetUserName": "bob"}
            """;

    private static SigmaCliTest.Result scan(Path tmp, String... extra) throws IOException {
        Path rules = tmp.resolve("rules.yml");
        Path events = tmp.resolve("events.jsonl");
        Files.writeString(rules, RULES, StandardCharsets.UTF_8);
        Files.writeString(events, EVENTS, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--rules", rules.toString(), "--events",
                events.toString(), "--pipeline", "none", "--format", "jsonl", "--timestamp-field", "when"));
        args.addAll(List.of(extra));
        return SigmaCliTest.run(args.toArray(new String[0]));
    }

    @Test
    void aCorrelationAlertIsOneJsonLineNamingTheEventThatCompletedIt(@TempDir Path tmp) throws IOException {
        SigmaCliTest.Result r = scan(tmp, "--max-lateness", "15s");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains("\"rule_id\":\"3b7f3a44-1c2b-4a55-9e0c-000000000003\"")
                && lines.get(0).contains("\"line\":3"), "the stand-alone match keeps its usual form: " + lines.get(0));
        String alert = lines.get(1);
        String events = tmp.resolve("events.jsonl").toString().replace("\\", "\\\\");
        assertTrue(alert.startsWith("{\"rule_id\":\"3b7f3a44-1c2b-4a55-9e0c-000000000001\",\"title\":\"Brute force "
                + "then success\",\"level\":\"high\",\"correlation_type\":\"temporal_ordered\",\"group\":"
                + "{\"TargetUserName\":\"bob\"},\"value\":2.0,\"window_start\":\"2026-03-01T09:51:00Z\","
                + "\"window_end\":\"2026-03-01T10:01:00Z\",\"file\":\"" + events + "\",\"line\":5,\"events\":[{\"file\":\""
                + events + "\",\"line\":4},{\"file\":\"" + events + "\",\"line\":5}]"), alert);
        assertTrue(r.err().contains("events.jsonl:6: not correlated: no timestamp in [when]"), r.err());
        assertTrue(r.err().contains("correlations: 1 alerts, 0 late events (beyond --max-lateness 15s), 1 events "
                + "without timestamp, 0 groups evicted"), r.err());
        assertTrue(r.err().contains("matches: 1"), r.err());
    }

    @Test
    void eventsLaterThanTheBoundAreReportedAndLeftOut(@TempDir Path tmp) throws IOException {
        SigmaCliTest.Result r = scan(tmp);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("events.jsonl:4: not correlated: its time is more than --max-lateness 0s behind"),
                r.err());
        assertTrue(r.err().contains("correlations: 0 alerts, 1 late events"), r.err());
    }

    @Test
    void aBadDurationIsAUsageError(@TempDir Path tmp) throws IOException {
        SigmaCliTest.Result r = scan(tmp, "--max-lateness", "soon");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--max-lateness soon"), r.err());
        assertEquals(java.time.Duration.ofMillis(1500), ScanCommand.duration("PT1.5S"));
        assertEquals(java.time.Duration.ofMinutes(5), ScanCommand.duration("5m"));
    }
}
