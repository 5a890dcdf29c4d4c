package io.sigmaengine.engine.corpus;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import io.sigmaengine.engine.event.JsonEventReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Building with several threads gives exactly the rule set of a build on one thread: the same rules in the same
 * order, the same diagnostics in the same order, the same matches.
 */
class ParallelLoadTest {

    private static RuleSet build(int threads, Limits limits, Consumer<RuleSetBuilder> sources) {
        RuleSetBuilder b = Sigma.ruleSet().addPipeline("sysmon").addPipeline("windows").limits(limits)
                .loadThreads(threads);
        sources.accept(b);
        return b.build();
    }

    private static void assertSame(RuleSet one, RuleSet many) {
        assertEquals(one.rules(), many.rules());
        assertEquals(one.diagnostics(), many.diagnostics());
        assertEquals(one.rejectedCount(), many.rejectedCount());
    }

    @Test
    void sigmaHqRulesLoadTheSameOnOneAndOnFourThreads() throws IOException {
        Path rules = SharedData.corpus().resolve("sigmahq");
        Consumer<RuleSetBuilder> all = b -> {
            for (String f : new String[]{"rules", "rules-emerging-threats", "rules-threat-hunting",
                    "rules-compliance", "rules-dfir", "rules-placeholder", "deprecated", "unsupported"}) {
                if (Files.isDirectory(rules.resolve(f))) {
                    b.addRules(rules.resolve(f));
                }
            }
        };
        RuleSet one = build(1, Limits.defaults(), all);
        RuleSet four = build(4, Limits.defaults(), all);
        assertTrue(one.rules().size() > 3000, "rules loaded: " + one.rules().size());
        assertTrue(one.diagnostics().stream().anyMatch(Diagnostic::isError), "the snapshot has rejected rules");
        assertSame(one, four);

        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        List<Event> events = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SharedData.corpus().resolve("events"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i += 10) {
                    if (!lines.get(i).isBlank()) {
                        events.add(reader.parse(lines.get(i)));
                    }
                }
            }
        }
        int matches = 0;
        for (Event e : events) {
            List<String> a = one.evaluate(e).stream().map(Match::ruleIdentity).toList();
            List<String> b = four.evaluate(e).stream().map(Match::ruleIdentity).toList();
            assertEquals(a, b);
            matches += a.size();
        }
        assertTrue(matches > 100, "matches on the sample: " + matches);
    }

    /** Which rules fit the rule-set budget depends on their order, so a parallel build must decide it in order. */
    @Test
    void theRuleSetBudgetRejectsTheSameRulesWhateverTheThreads() {
        Consumer<RuleSetBuilder> files = b -> {
            for (int f = 0; f < 40; f++) {
                StringBuilder text = new StringBuilder();
                for (int r = 0; r < 5; r++) {
                    text.append("title: f").append(f).append("r").append(r)
                            .append("\nlogsource: {product: test}\ndetection:\n  sel:\n    f|windash|contains: ")
                            .append("[' -a -b -c x', ' -a -b -c y']\n  condition: sel\n---\n");
                }
                b.addRules("file" + f + ".yml", text.toString());
            }
        };
        Limits limits = Limits.defaults().withMaxRuleSetSize(10_000);
        RuleSet one = build(1, limits, files);
        RuleSet four = build(4, limits, files);
        assertTrue(one.rejectedCount() > 0 && one.rules().size() > 0,
                "the budget takes some rules and rejects others: " + one.rules().size() + " loaded");
        assertTrue(one.diagnostics().stream().anyMatch(d -> d.code().equals("rule-set-limit")));
        assertSame(one, four);
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Sigma.ruleSet().loadThreads(0));
    }
}
