package io.sigmaengine.engine;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.LiveRuleSet;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Rule sets evaluated on a long-lived thread and then swapped out must not be kept alive by that thread's
 * per-thread evaluation state (a hot-swapping agent would otherwise leak one rule set per swap).
 */
class RuleSetLifecycleTest {

    private static final String RULE = """
            title: t
            logsource: {product: test}
            detection:
              sel:
                Image|endswith: '\\\\cmd.exe'
              condition: sel
            """;

    @Test
    void swappedOutRuleSetsAreCollectable() throws InterruptedException {
        Event event = Sigma.eventReader().fromMap(Map.of("Image", "C:\\Windows\\cmd.exe"));
        LiveRuleSet<Event> live = new LiveRuleSet<>(build(), Event.adapter());
        int[] matches = {0};
        live.evaluate(event, m -> matches[0]++);
        WeakReference<RuleSet> old = new WeakReference<>(live.current());
        live.swap(build());
        live.evaluate(event, m -> matches[0]++);
        assertEquals(2, matches[0]);
        for (int i = 0; i < 50 && old.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(old.get(), "the swapped-out rule set is still reachable");
    }

    private static RuleSet build() {
        RuleSet rs = Sigma.ruleSet().addRules("r.yml", RULE).build();
        rs.evaluate(Sigma.eventReader().fromMap(Map.of("Image", "x")));
        return rs;
    }
}
