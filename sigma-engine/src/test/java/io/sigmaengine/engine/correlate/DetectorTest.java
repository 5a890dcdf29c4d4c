package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.DetectorStats;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.api.RuleKind;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.sigmaengine.engine.correlate.Streams.event;
import static io.sigmaengine.engine.correlate.Streams.load;
import static io.sigmaengine.engine.correlate.Streams.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector's documented behaviour, one aspect per test, through the public API. */
class DetectorTest {

    private static String correlation(String name, String type, String rules, String groupBy, String timespan,
                                      String condition) {
        return "title: " + name + "\nname: " + name + "\ncorrelation:\n  type: " + type + "\n  rules: " + rules
                + (groupBy == null ? "" : "\n  group-by: " + groupBy) + "\n  timespan: " + timespan
                + (condition == null ? "" : "\n  condition: " + condition) + "\n";
    }

    private static Detector<Event> detector(RuleSet rs) {
        return rs.detector(DetectorOptions.defaults());
    }

    @Nested
    class Alerts {
        @Test
        void carryGroupValueWindowAndContributingEvents() {
            RuleSet rs = load(correlation("burst", "event_count", "[fail]", "[User, Host]", "1m", "{gte: 3}"),
                    rule("fail", "f"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "f", "User", "u", "Host", "h"), 100, r);
            d.process(event("10:00:10", "Action", "f", "User", "u", "Host", "other"), 101, r);
            d.process(event("10:00:20", "Action", "f", "User", "u", "Host", "h"), 102, r);
            d.process(event("10:00:50", "Action", "f", "User", "u", "Host", "h"), 103, r);
            assertEquals(1, r.alerts.size());
            Alert a = r.alerts.get(0);
            assertEquals("burst", a.ruleIdentity());
            assertEquals(RuleKind.CORRELATION, a.rule().kind());
            assertEquals(rs.version(), a.ruleSetVersion());
            assertEquals("event_count", a.correlationType());
            assertEquals(List.of("User", "Host"), List.copyOf(a.group().keySet()));
            assertEquals(Map.of("User", "u", "Host", "h"), a.group());
            assertEquals(3.0, a.value());
            assertEquals(Instant.parse("2026-03-01T09:59:50Z"), a.windowStart());
            assertEquals(Instant.parse("2026-03-01T10:00:50Z"), a.windowEnd());
            assertEquals(Instant.parse("2026-03-01T10:00:00Z"), a.firstEvent());
            assertEquals(Instant.parse("2026-03-01T10:00:50Z"), a.lastEvent());
            assertEquals(OptionalLong.of(103), a.completedBy());
            assertEquals(List.of(100L, 102L, 103L), a.events());
            assertTrue(r.matches.isEmpty(), "the base rule is silent without generate: true");
        }

        @Test
        void eventRefsAreCappedToTheMostRecent() {
            RuleSet rs = load(correlation("burst", "event_count", "[fail]", "[User]", "1h", "{eq: 5}"),
                    rule("fail", "f"));
            Detector<Event> d = rs.detector(DetectorOptions.defaults().withMaxEventRefs(2));
            Streams.Recorder r = new Streams.Recorder();
            for (int i = 0; i < 5; i++) {
                d.process(event("10:00:0" + i, "Action", "f", "User", "u"), i, r);
            }
            assertEquals(List.of(3L, 4L), r.alerts.get(0).events());
            assertEquals(5.0, r.alerts.get(0).value());
        }

        @Test
        void percentileIsNearestRankAndMedianIsItsFiftieth() {
            RuleSet rs = load(correlation("p90", "value_percentile", "[req]", "[Host]", "1h",
                            "{field: Ms, percentile: 90, gte: 90}"),
                    correlation("median", "value_median", "[req]", "[Host]", "1h", "{field: Ms, eq: 50}"),
                    rule("req", "r"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            int[] ms = {50, 10, 40, 20, 30, 60, 70, 80, 90, 100};
            for (int i = 0; i < ms.length; i++) {
                d.process(event("10:00:0" + i, "Action", "r", "Host", "h", "Ms", String.valueOf(ms[i])), i, r);
            }
            // Nearest rank ceil(p/100 * n): after one value the median is 50; after nine (10..90) the 90th
            // percentile is the 9th value, 90, and the median the 5th, 50 again (it was not 50 in between).
            assertEquals(List.of("median@0 [h]", "p90@8 [h]", "median@8 [h]"), r.summary());
            assertEquals(List.of(50.0, 90.0, 50.0), r.alerts.stream().map(Alert::value).toList());
        }
    }

    @Nested
    class WindowClose {
        @Test
        void countBelowAThresholdFiresWhenEventTimePassesTheWindowEnd() {
            RuleSet rs = load(correlation("quiet", "event_count", "[beat]", "[Host]", "1m", "{lt: 3}"),
                    rule("beat", "hb"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "hb", "Host", "h1"), 0, r);
            d.process(event("10:00:10", "Action", "hb", "Host", "h1"), 1, r);
            d.process(event("10:01:00", "Action", "other"), 2, r);
            assertTrue(r.alerts.isEmpty(), "the window [10:00:00, 10:01:00] is not complete at 10:01:00");
            d.process(event("10:01:01", "Action", "hb", "Host", "h2"), 3, r);
            assertEquals(List.of("quiet@3 [h1]"), r.summary());
            Alert a = r.alerts.get(0);
            assertEquals(2.0, a.value());
            assertEquals(Instant.parse("2026-03-01T10:00:00Z"), a.windowStart());
            assertEquals(Instant.parse("2026-03-01T10:01:00Z"), a.windowEnd());
            assertEquals(List.of(0L, 1L), a.events());
            // The window starting at 10:00:10 also holds but is the same episode; h2's window closes at the end.
            d.flush(r);
            assertEquals(List.of("quiet@3 [h1]", "quiet@end [h2]"), r.summary());
            assertEquals(0, d.stats().liveGroups());
        }

        @Test
        void temporalWithNotFiresOnlyWhenTheOtherRuleStaysAbsent() {
            RuleSet rs = load(correlation("no_ack", "temporal", "[req, ack]", "[User]", "5m",
                            "'req and not ack'"),
                    rule("req", "request"), rule("ack", "ack"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "request", "User", "u1"), 0, r);
            d.process(event("10:00:00", "Action", "request", "User", "u2"), 1, r);
            d.process(event("10:04:00", "Action", "ack", "User", "u1"), 2, r);
            d.process(event("10:06:00", "Action", "noise"), 3, r);
            assertEquals(List.of("no_ack@3 [u2]"), r.summary());
            d.flush(r);
            assertEquals(List.of("no_ack@3 [u2]"), r.summary(), "u1's windows all contain the ack");
        }

        @Test
        void advanceToClosesWindowsWithoutAnEvent() {
            RuleSet rs = load(correlation("quiet", "event_count", "[beat]", "[Host]", "1m", "{lte: 1}"),
                    rule("beat", "hb"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "hb", "Host", "h1"), 0, r);
            d.advanceTo(Instant.parse("2026-03-01T10:01:00Z"), r);
            assertTrue(r.alerts.isEmpty());
            d.advanceTo(Instant.parse("2026-03-01T10:01:00.001Z"), r);
            assertEquals(List.of("quiet@end [h1]"), r.summary());
        }
    }

    @Nested
    class Ordering {
        @Test
        void eventsWithinTheLatenessBoundArePutInOrder() {
            RuleSet rs = load(correlation("seq", "temporal_ordered", "[a, b]", "[User]", "1m", null),
                    rule("a", "a"), rule("b", "b"));
            Detector<Event> d = rs.detector(DetectorOptions.defaults().withMaxLateness(Duration.ofSeconds(30)));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:20", "Action", "b", "User", "u"), 0, r);
            d.process(event("10:00:10", "Action", "a", "User", "u"), 1, r);
            assertTrue(r.alerts.isEmpty(), "results wait until the lateness bound has passed");
            assertEquals(2, d.stats().bufferedEvents());
            d.process(event("10:00:55", "Action", "x"), 2, r);
            assertEquals(List.of("seq@0 [u]"), r.summary(), "a (10:00:10) then b (10:00:20): b completes it");
            assertEquals(0, d.stats().bufferedEvents());
            assertTrue(r.excluded.isEmpty());
        }

        @Test
        void eventsLaterThanTheBoundAreReportedCountedAndStillMatch() {
            RuleSet rs = load("title: burst\nname: burst\ngenerate: true\ncorrelation:\n  type: event_count\n"
                    + "  rules: [fail]\n  group-by: [User]\n  timespan: 1m\n  condition: {gte: 2}\n", rule("fail", "f"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:10", "Action", "f", "User", "u"), 0, r);
            d.process(event("10:00:05", "Action", "f", "User", "u"), 1, r);
            assertEquals(List.of("1 LATE"), r.excluded);
            assertEquals(2, r.matches.size(), "single-event matches do not depend on time");
            assertTrue(r.alerts.isEmpty(), "the late event is not counted");
            DetectorStats s = d.stats();
            assertEquals(1, s.lateEvents());
            assertEquals(2, s.events());
            assertEquals(2, s.matches());
        }

        @Test
        void eventsWithoutATimestampAreReportedAndCounted() {
            RuleSet rs = load(correlation("burst", "event_count", "[fail]", "[User]", "1m", "{gte: 1}"),
                    rule("fail", "f"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(Sigma.eventReader().fromMap(Map.of("Action", "f", "User", "u")), 7, r);
            d.process(Sigma.eventReader().fromMap(Map.of("Action", "f", "User", "u", "@timestamp", "yesterday")), 8,
                    r);
            assertEquals(List.of("7 NO_TIMESTAMP", "8 NO_TIMESTAMP"), r.excluded);
            assertEquals(2, d.stats().untimedEvents());
            assertTrue(r.alerts.isEmpty());
        }

        @Test
        void timestampFieldsAreTriedInOrder() {
            RuleSet rs = load(correlation("burst", "event_count", "[fail]", "[User]", "10s", "{gte: 2}"),
                    rule("fail", "f"));
            Detector<Event> d = rs.detector(DetectorOptions.defaults().withTimestampFields(List.of("t1", "t2")));
            Streams.Recorder r = new Streams.Recorder();
            d.process(Sigma.eventReader().fromMap(Map.of("Action", "f", "User", "u", "t2", 1_772_359_200_000L)), 0,
                    r);
            d.process(Sigma.eventReader().fromMap(Map.of("Action", "f", "User", "u", "t1", "2026-03-01T10:00:05Z",
                    "t2", "2030-01-01T00:00:00Z")), 1, r);
            assertEquals(List.of("burst@1 [u]"), r.summary(), "epoch millis 1772359200000 is 2026-03-01T10:00:00Z");
        }
    }

    @Nested
    class Memory {
        private final RuleSet rs = load(correlation("burst", "event_count", "[fail]", "[User]", "1m", "{gte: 2}"),
                rule("fail", "f"));

        @Test
        void theGroupCapEvictsTheLeastRecentlyUpdatedGroup() {
            Detector<Event> d = rs.detector(DetectorOptions.defaults().withMaxGroups(2));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "f", "User", "a"), 0, r);
            d.process(event("10:00:01", "Action", "f", "User", "b"), 1, r);
            d.process(event("10:00:02", "Action", "f", "User", "a"), 2, r);
            d.process(event("10:00:03", "Action", "f", "User", "c"), 3, r);
            d.process(event("10:00:04", "Action", "f", "User", "b"), 4, r);
            assertEquals(List.of("burst@2 [a]"), r.summary(), "b was evicted at 10:00:03, so it starts again");
            DetectorStats s = d.stats();
            assertEquals(2, s.liveGroups());
            assertEquals(2, s.evictedGroups(), "b at 10:00:03, then a at 10:00:04");
        }

        @Test
        void rejectNewKeepsTheExistingGroups() {
            Detector<Event> d = rs.detector(DetectorOptions.defaults().withMaxGroups(1)
                    .withEvictionPolicy(DetectorOptions.EvictionPolicy.REJECT_NEW));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "f", "User", "a"), 0, r);
            d.process(event("10:00:01", "Action", "f", "User", "b"), 1, r);
            d.process(event("10:00:02", "Action", "f", "User", "a"), 2, r);
            assertEquals(List.of("burst@2 [a]"), r.summary());
            assertEquals(1, d.stats().rejectedGroups());
            assertEquals(0, d.stats().evictedGroups());
        }

        @Test
        void thePerGroupCapDropsTheOldestEntriesAndCountsThem() {
            RuleSet sum = load(correlation("bytes", "value_sum", "[up]", "[User]", "1h", "{field: N, gte: 100}"),
                    rule("up", "u"));
            Detector<Event> d = sum.detector(DetectorOptions.defaults().withMaxEventsPerGroup(2));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "u", "User", "x", "N", 60), 0, r);
            d.process(event("10:00:01", "Action", "u", "User", "x", "N", 30), 1, r);
            d.process(event("10:00:02", "Action", "u", "User", "x", "N", 30), 2, r);
            assertTrue(r.alerts.isEmpty(), "only the latest two values (60) are kept");
            assertEquals(1, d.stats().droppedEntries());
        }

        @Test
        void theTotalEntryCapEvictsTheLeastRecentlyUpdatedGroups() {
            RuleSet sum = load(correlation("bytes", "value_sum", "[up]", "[User]", "1h", "{field: N, gte: 100}"),
                    rule("up", "u"));
            Detector<Event> d = sum.detector(DetectorOptions.defaults().withMaxEntries(3));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "u", "User", "a", "N", 40), 0, r);
            d.process(event("10:00:01", "Action", "u", "User", "b", "N", 40), 1, r);
            d.process(event("10:00:02", "Action", "u", "User", "a", "N", 40), 2, r);
            d.process(event("10:00:03", "Action", "u", "User", "c", "N", 40), 3, r);
            assertEquals(1, d.stats().evictedGroups(), "b (3 entries were held: a, b, a; c is the fourth)");
            assertEquals(2, d.stats().liveGroups());
            d.process(event("10:00:04", "Action", "u", "User", "a", "N", 40), 4, r);
            assertEquals(List.of("bytes@4 [a]"), r.summary());
            assertEquals(2, d.stats().evictedGroups(), "a now holds 3 entries, so c goes");
        }

        @Test
        void aThresholdCountKeepsOnlyAsManyEntriesAsItNeedsWithoutCountingDrops() {
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            for (int i = 0; i < 10; i++) {
                d.process(event("10:00:0" + i, "Action", "f", "User", "a"), i, r);
            }
            assertEquals(List.of("burst@1 [a]"), r.summary());
            assertEquals(0, d.stats().droppedEntries());
        }

        @Test
        void groupsExpireAsEventTimeAdvances() {
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            for (int i = 0; i < 100; i++) {
                d.process(event("10:00:00", "Action", "f", "User", "u" + i), i, r);
            }
            assertEquals(100, d.stats().liveGroups());
            d.advanceTo(Instant.parse("2026-03-01T10:01:00Z"), r);
            assertEquals(100, d.stats().liveGroups(), "events at 10:00:00 are still inside a window ending now");
            d.advanceTo(Instant.parse("2026-03-01T10:01:00.001Z"), r);
            assertEquals(0, d.stats().liveGroups());
            assertEquals(100, d.stats().expiredGroups());
        }
    }

    @Nested
    class Chaining {
        @Test
        void aliasesGroupEventsOfDifferentRulesByDifferentFields() {
            RuleSet rs = load("""
                    title: error then connection
                    name: err_conn
                    correlation:
                      type: temporal
                      rules: [internal_error, new_network_connection]
                      group-by: [internal_ip, remote_ip]
                      timespan: 10s
                      aliases:
                        internal_ip:
                          internal_error: destination.ip
                          new_network_connection: source.ip
                        remote_ip:
                          internal_error: source.ip
                          new_network_connection: destination.ip
                    """, rule("internal_error", "error"), rule("new_network_connection", "connect"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "error", "destination.ip", "10.0.0.1", "source.ip", "8.8.8.8"), 0,
                    r);
            d.process(event("10:00:05", "Action", "connect", "source.ip", "10.0.0.2", "destination.ip", "8.8.8.8"),
                    1, r);
            d.process(event("10:00:06", "Action", "connect", "source.ip", "10.0.0.1", "destination.ip", "8.8.8.8"),
                    2, r);
            assertEquals(List.of("err_conn@2 [10.0.0.1, 8.8.8.8]"), r.summary());
            assertEquals(Map.of("internal_ip", "10.0.0.1", "remote_ip", "8.8.8.8"), r.alerts.get(0).group());
        }

        @Test
        void anInnerCorrelationFeedsTheOuterOneAndStaysSilentUnlessGenerate() {
            String inner = correlation("many", "event_count", "[fail]", "[User]", "1m", "{gte: 2}");
            String outer = correlation("many_hosts", "value_count", "[many]", "[User]", "1h", "{field: User, gte: 1}");
            RuleSet rs = load(outer, inner, rule("fail", "f"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:00", "Action", "f", "User", "u"), 0, r);
            d.process(event("10:00:01", "Action", "f", "User", "u"), 1, r);
            assertEquals(List.of("many_hosts@1 [u]"), r.summary());
            assertEquals(List.of(1L), r.alerts.get(0).events(), "the inner firing is referred to by its event");

            RuleSet generating = load(outer.replace("correlation:", "generate: true\ncorrelation:"), inner,
                    rule("fail", "f"));
            Streams.Recorder r2 = new Streams.Recorder();
            Detector<Event> d2 = detector(generating);
            d2.process(event("10:00:00", "Action", "f", "User", "u"), 0, r2);
            d2.process(event("10:00:01", "Action", "f", "User", "u"), 1, r2);
            assertEquals(List.of("many@1 [u]", "many_hosts@1 [u]"), r2.summary());
        }

        @Test
        void anOuterGroupByFieldTheInnerDoesNotCarryIsWarnedAbout() {
            RuleSet rs = load(correlation("outer", "event_count", "[inner]", "[Host]", "1h", "{gte: 1}"),
                    correlation("inner", "event_count", "[fail]", "[User]", "1m", "{gte: 2}"), rule("fail", "f"));
            assertTrue(rs.diagnostics().stream().anyMatch(x -> x.code().equals("correlation-chain-field")),
                    rs.diagnostics().toString());
        }
    }

    @Nested
    class Loading {
        @Test
        void aCorrelationOverANonEvaluatedRuleIsNotEvaluatedAndSaysSo() {
            RuleSet rs = Sigma.ruleSet().addRules("t.yml", correlation("c", "event_count", "[old]", "[User]", "1m",
                    "{gte: 1}") + "---\n" + rule("old", "o") + "status: deprecated\n").build();
            RuleInfo c = rs.rules().stream().filter(x -> x.kind() == RuleKind.CORRELATION).findFirst().orElseThrow();
            assertFalse(c.evaluated());
            assertTrue(rs.diagnostics().stream().anyMatch(x -> x.code().equals("correlation-not-evaluated")));
        }

        @Test
        void aCorrelationOverARejectedRuleIsRejected() {
            RuleSet rs = Sigma.ruleSet().addRules("t.yml", correlation("c", "event_count", "[bad]", "[User]", "1m",
                    "{gte: 1}") + "---\ntitle: bad\nname: bad\nlogsource: {product: test}\ndetection:\n  sel:\n"
                    + "    User|expand: '%admins%'\n  condition: sel\n").build();
            assertEquals(2, rs.rejectedCount(), rs.diagnostics().toString());
            assertTrue(rs.diagnostics().stream().anyMatch(x -> x.code().equals("correlation-rule-rejected")));
            assertTrue(rs.rules().stream().noneMatch(x -> x.kind() == RuleKind.CORRELATION));
        }

        @Test
        void aListenerThatThrowsLeavesTheDetectorUsable() {
            RuleSet rs = load("title: burst\nname: burst\ngenerate: true\ncorrelation:\n  type: event_count\n"
                    + "  rules: [fail]\n  group-by: [User]\n  timespan: 1m\n  condition: {gte: 2}\n", rule("fail", "f"));
            Detector<Event> d = detector(rs);
            io.sigmaengine.api.DetectionListener failing = io.sigmaengine.api.DetectionListener.of(m -> {
                throw new IllegalStateException("listener failed");
            }, a -> { });
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> d.process(event("10:00:00", "Action", "f", "User", "u"), 0, failing));
            Streams.Recorder r = new Streams.Recorder();
            d.process(event("10:00:01", "Action", "f", "User", "u"), 1, r);
            d.process(event("10:00:02", "Action", "f", "User", "u"), 2, r);
            assertEquals(List.of("burst@2 [u]"), r.summary(), "the failed event was not counted; the next ones are");
        }

        @Test
        void aRuleSetWithoutCorrelationsGivesADetectorOfMatchesOnly() {
            RuleSet rs = load(rule("a", "a"));
            Detector<Event> d = detector(rs);
            Streams.Recorder r = new Streams.Recorder();
            assertEquals(0, d.process(event("10:00:00", "Action", "a"), r));
            assertEquals(1, d.process(Sigma.eventReader().fromMap(Map.of("Action", "a")), r));
            assertEquals(2, r.matches.size());
            assertTrue(r.excluded.isEmpty());
        }
    }
}
