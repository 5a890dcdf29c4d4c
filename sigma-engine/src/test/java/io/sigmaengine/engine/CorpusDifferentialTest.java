package io.sigmaengine.engine;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled program must return exactly the matches of the reference evaluator: every SigmaHQ Windows rule
 * (with the sysmon and windows pipelines) against every event of {@code corpus/events}.
 */
class CorpusDifferentialTest {

    @Test
    void compiledProgramAgreesWithTheReferenceOnEveryCorpusEvent() throws IOException {
        RuleSet rs = Sigma.ruleSet().addRules(SharedData.corpus().resolve("sigmahq/rules/windows"))
                .addPipeline("sysmon").addPipeline("windows").build();
        RuleSetImpl impl = (RuleSetImpl) rs;
        RuleMatcher.Bound<Event> compiled = impl.matcher().bind(Event.adapter());
        RuleMatcher.Bound<Event> reference = ReferenceEvaluator.of(impl.evaluatedRules()).bind(Event.adapter());
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.corpus().resolve("events"))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        long[] counts = new long[3]; // events, matches, disagreements
        List<String> disagreements = new ArrayList<>();
        for (Path f : files) {
            EventFileReader.read(f, reader, new EventReader.RecordListener() {
                @Override
                public void onEvent(Event event, long line) {
                    List<Integer> a = new ArrayList<>();
                    List<Integer> b = new ArrayList<>();
                    compiled.match(event, a::add);
                    reference.match(event, b::add);
                    counts[0]++;
                    counts[1] += b.size();
                    if (!a.equals(b)) {
                        counts[2]++;
                        if (disagreements.size() < 20) {
                            disagreements.add(f.getFileName() + ":" + line + " compiled=" + names(impl, a)
                                    + " reference=" + names(impl, b));
                        }
                    }
                }

                @Override
                public void onError(long line, String reason) {
                    throw new AssertionError(f + ":" + line + ": " + reason);
                }
            });
        }
        assertTrue(counts[0] > 16_000, "events read: " + counts[0]);
        assertTrue(counts[1] > 1_000, "matches: " + counts[1]);
        assertEquals(0, counts[2], "disagreements on " + counts[0] + " events:\n" + String.join("\n", disagreements));
    }

    private static List<String> names(RuleSetImpl rs, List<Integer> idx) {
        List<String> out = new ArrayList<>();
        for (int i : idx) {
            out.add(rs.evaluatedRules().get(i).rule().info().title());
        }
        return out;
    }
}
