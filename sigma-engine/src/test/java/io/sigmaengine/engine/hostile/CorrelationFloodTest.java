package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.DetectorStats;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker who controls event contents can invent a new group-by value per event. The caps on live groups must
 * hold under such a flood, every eviction must be counted, and the correlation state must stay within the memory
 * the caps imply.
 */
class CorrelationFloodTest {

    private static final String RULES = """
            title: failed logon
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
              sel:
                EventID: 4625
              condition: sel
            ---
            title: brute force
            correlation:
              type: value_count
              rules: [failed_logon]
              group-by: [TargetUserName]
              timespan: 1h
              condition: {field: IpAddress, gte: 50}
            level: high
            """;

    private static final java.time.Instant START = java.time.Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void groupCapHoldsUnderAFloodOfUniqueKeys() {
        RuleSet rs = Sigma.ruleSet().addRules("flood.yml", RULES).build();
        int cap = 5_000;
        Detector<Event> d = rs.detector(DetectorOptions.defaults().withMaxGroups(cap));
        EventReader reader = Sigma.eventReader();
        int[] alerts = {0};
        DetectionListener listener = new DetectionListener() {
            @Override
            public void onMatch(Match match) {
            }

            @Override
            public void onAlert(Alert alert) {
                alerts[0]++;
            }
        };
        long before = usedHeap();
        int n = 200_000;
        long maxLive = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Object> e = new HashMap<>();
            e.put("EventID", 4625);
            e.put("TargetUserName", "user-" + i);
            e.put("IpAddress", "10.0." + (i % 250) + "." + (i % 200));
            // All within one window (200 s of a 1 h timespan), so no group expires: only the cap can free memory.
            e.put("@timestamp", START.plusMillis(i).toString());
            d.process(reader.fromMap(e), listener);
            if (i % 1000 == 0) {
                maxLive = Math.max(maxLive, d.stats().liveGroups());
            }
        }
        DetectorStats s = d.stats();
        long after = usedHeap();
        assertTrue(s.liveGroups() <= cap && maxLive <= cap, "live groups " + s.liveGroups() + ", max " + maxLive);
        assertEquals(0, s.expiredGroups() + s.lateEvents() + s.untimedEvents(), s.toString());
        assertEquals(n - s.liveGroups(), s.evictedGroups(), "every group beyond the cap is evicted and counted");
        assertEquals(0, alerts[0], "no group ever reaches 50 distinct addresses");
        // About 200 B per group (DetectorOptions javadoc): the whole state for 5,000 groups is well under 16 MiB.
        assertTrue(after - before < 16L << 20, "state grew by " + (after - before) + " bytes");
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
