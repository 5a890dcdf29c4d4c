package io.sigmaengine.engine.fuzz;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;

import java.util.List;

/** What every fuzz target checks about a rule set it managed to build. */
final class FuzzSupport {

    /** How long {@code JAZZER_FUZZ=1} runs a target when no run count is given (see FUZZING.md). */
    static final String LONG_RUN = "10m";

    static final String GOOD_RULE = "title: good\nid: 00000000-0000-4000-8000-00000000900d\n"
            + "logsource: {product: windows, category: process_creation}\n"
            + "detection:\n  sel:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains|all: [' /c ', 'whoami']\n"
            + "  condition: sel\n";

    private static final List<Event> EVENTS = List.of(
            Sigma.eventReader().parse("{\"EventID\": 1, \"Image\": \"C:\\\\Windows\\\\cmd.exe\", "
                    + "\"CommandLine\": \"cmd /c whoami\", \"f\": \"x\", \"a\": {\"b\": [1, \"two\", null]}}"),
            Sigma.eventReader().parse("{\"Event\": {\"System\": {\"EventID\": 4688, \"Channel\": \"Security\"}, "
                    + "\"EventData\": {\"NewProcessName\": \"x.exe\"}}}"),
            Sigma.eventReader().parse("{}"));

    private FuzzSupport() {
    }

    /** Diagnostics are well formed, and evaluating never throws anything but {@link EventException}. */
    static void check(RuleSet rs) {
        for (Diagnostic d : rs.diagnostics()) {
            if (d.code() == null || !d.code().matches("[a-z0-9-]+") || d.message() == null || d.message().isBlank()
                    || d.location() == null) {
                throw new AssertionError("malformed diagnostic: " + d);
            }
        }
        if (rs.rejectedCount() < 0) {
            throw new AssertionError("negative rejected count");
        }
        for (Event e : EVENTS) {
            try {
                rs.evaluate(e);
            } catch (EventException expected) {
                // documented per-event failure
            }
        }
    }

    /** A YAML double-quoted scalar holding exactly {@code s}. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }
}
