package io.sigmaengine.engine.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SigmaHQ's regression samples ({@code corpus/regression/manifest.jsonl}): each rule, loaded with the built-in
 * {@code sysmon} and {@code windows} pipelines, must match exactly {@code exact_matches} events of its sample, both
 * in the flat JSON Lines form and in the nested Windows event JSON form of the same events.
 */
class RegressionCorpusTest {

    record Entry(String ruleId, String rulePath, String events, int exactMatches) {
    }

    static List<Entry> manifest() throws IOException {
        Path m = SharedData.corpus().resolve("regression/manifest.jsonl");
        List<Entry> out = new ArrayList<>();
        JsonFactory f = new JsonFactory();
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> kv = new HashMap<>();
            try (JsonParser p = f.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    kv.put(k, p.getValueAsString());
                }
            }
            out.add(new Entry(kv.get("rule_id"), kv.get("rule_path"), kv.get("events"),
                    Integer.parseInt(kv.get("exact_matches"))));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> flatJsonLines() throws IOException {
        return cases("regression", ".jsonl");
    }

    @TestFactory
    Stream<DynamicTest> nestedWindowsEventJson() throws IOException {
        return cases("regression-evtxjson", ".json");
    }

    private Stream<DynamicTest> cases(String folder, String extension) throws IOException {
        List<Entry> entries = manifest();
        assertEquals(162, entries.size(), "manifest size");
        Path corpus = SharedData.corpus();
        return entries.stream().map(e -> DynamicTest.dynamicTest(e.rulePath(), () -> {
            RuleSet rs = Sigma.ruleSet().addRules(corpus.resolve("sigmahq").resolve(e.rulePath()))
                    .addPipeline("sysmon").addPipeline("windows").build();
            List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertTrue(errors.isEmpty(), errors.toString());
            String events = e.events().substring(0, e.events().length() - ".jsonl".length()) + extension;
            int[] matches = {0};
            int[] seen = {0};
            List<String> problems = new ArrayList<>();
            EventFileReader.read(corpus.resolve(folder).resolve(events), new JsonEventReader(Limits.defaults()),
                    new EventReader.RecordListener() {
                        @Override
                        public void onEvent(Event event, long line) {
                            seen[0]++;
                            for (Match m : rs.evaluate(event)) {
                                if (e.ruleId().equals(m.rule().id())) {
                                    matches[0]++;
                                }
                            }
                        }

                        @Override
                        public void onError(long line, String reason) {
                            problems.add(line + ": " + reason);
                        }
                    });
            assertTrue(problems.isEmpty(), problems.toString());
            assertTrue(seen[0] > 0, "no events read from " + events);
            assertEquals(e.exactMatches(), matches[0], e.rulePath() + " on " + events);
        }));
    }
}
