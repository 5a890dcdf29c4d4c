package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers for detector tests: rule sets from text, events from key/value pairs, a recording listener. */
final class Streams {

    /** A detection rule {@code name} matching {@code Action: action}. */
    static String rule(String name, String action) {
        return "title: " + name + "\nname: " + name + "\nlogsource: {product: test}\ndetection:\n  sel:\n    Action: "
                + action + "\n  condition: sel\n";
    }

    /** Builds a rule set from documents joined with {@code ---}; fails on any error. */
    static RuleSet load(String... documents) {
        RuleSet rs = Sigma.ruleSet().addRules("test.yml", String.join("---\n", documents)).build();
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), errors.toString());
        return rs;
    }

    /** An event at {@code 2026-03-01T<time>Z} with the given fields. */
    static Event event(String time, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", "2026-03-01T" + time + "Z");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Sigma.eventReader().fromMap(m);
    }

    /** Records everything a detector reports. */
    static final class Recorder implements DetectionListener {
        final List<Match> matches = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        final List<String> excluded = new ArrayList<>();

        @Override
        public void onMatch(Match match) {
            matches.add(match);
        }

        @Override
        public void onAlert(Alert alert) {
            alerts.add(alert);
        }

        @Override
        public void onExcluded(long eventRef, Exclusion reason) {
            excluded.add(eventRef + " " + reason);
        }

        /** {@code "<rule identity>@<completing event or 'end'> <group values>"} per alert. */
        List<String> summary() {
            List<String> out = new ArrayList<>();
            for (Alert a : alerts) {
                out.add(a.ruleIdentity() + "@" + (a.completedBy().isPresent() ? a.completedBy().getAsLong() : "end")
                        + " " + a.group().values());
            }
            return out;
        }
    }

    private Streams() {
    }
}
