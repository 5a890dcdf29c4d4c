package io.sigmaengine.engine.conformance;

import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every case of {@code ../shared/conformance} (format in its README): one dynamic test per case, one container
 * per file. Rules are given to the engine as text; events are parsed by the engine's JSON reader from their exact
 * text in the case file, so numbers, nulls and big integers keep their JSON types. Stream cases go through one
 * {@link Detector} per case; their alerts (stand-alone matches and correlation firings) are compared as a multiset
 * ordered by the index of the event whose processing raised them.
 */
class ConformanceTest {

    private static final Set<String> CASE_KEYS = Set.of("id", "title", "basis", "refs", "rules", "vars", "load",
            "events", "expect", "timestamp_field", "expect_alerts");

    @TestFactory
    Stream<DynamicNode> conformance() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SharedData.conformance())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "no conformance files found");
        List<DynamicNode> containers = new ArrayList<>();
        for (Path f : files) {
            containers.add(DynamicContainer.dynamicContainer(f.getFileName().toString(), cases(f)));
        }
        return containers.stream();
    }

    private Stream<DynamicNode> cases(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        List<DynamicNode> tests = new ArrayList<>();
        for (Node c : ((SequenceNode) value((MappingNode) root, "cases")).getValue()) {
            Case k = Case.read((MappingNode) c, text);
            tests.add(DynamicTest.dynamicTest(k.id + ": " + k.title,
                    () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(k))));
        }
        return tests.stream();
    }

    private static void run(Case k) {
        RuleSet rs = load(k);
        if (k.isStream()) {
            runStream(k, rs);
            return;
        }
        String diags = rs.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n  "));
        EventReader reader = Sigma.eventReader();
        for (int i = 0; i < k.events.size(); i++) {
            Event e = reader.parse(k.events.get(i));
            Set<String> actual = new TreeSet<>();
            for (Match m : rs.evaluate(e)) {
                actual.add(m.ruleIdentity());
            }
            Set<String> expected = new TreeSet<>(k.expect.get(i));
            if (!expected.equals(actual)) {
                fail(k.id + " event " + i + " " + k.events.get(i) + ": expected " + expected + " but got " + actual
                        + (diags.isEmpty() ? "" : "\n  diagnostics:\n  " + diags));
            }
        }
    }

    private static void runStream(Case k, RuleSet rs) {
        Detector<Event> detector = rs.detector(DetectorOptions.defaults()
                .withTimestampFields(List.of(k.timestampField)));
        EventReader reader = Sigma.eventReader();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < k.events.size(); i++) {
            String at = String.format("%04d ", i);
            detector.process(reader.parse(k.events.get(i)), i, DetectionListener.of(
                    m -> actual.add(at + m.ruleIdentity()), a -> actual.add(at + a.ruleIdentity())));
        }
        detector.flush(DetectionListener.of(m -> actual.add("end " + m.ruleIdentity()),
                a -> actual.add("end " + a.ruleIdentity())));
        List<String> expected = new ArrayList<>(k.expectAlerts);
        Collections.sort(expected);
        Collections.sort(actual);
        if (!expected.equals(actual)) {
            fail(k.id + ": expected alerts (event index, rule) " + expected + " but got " + actual + "\n  diagnostics:"
                    + "\n  " + rs.diagnostics().stream().map(Diagnostic::toString)
                    .collect(Collectors.joining("\n  ")));
        }
    }

    /** Loads the case's rules and checks the load outcome. */
    private static RuleSet load(Case k) {
        RuleSetBuilder b = Sigma.ruleSet().addRules(k.id + ".yml", k.rules);
        k.vars.forEach(b::placeholder);
        RuleSet rs = b.build();
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        List<Diagnostic> warnings = rs.diagnostics().stream().filter(d -> !d.isError()).toList();
        String diags = rs.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n  "));
        switch (k.load) {
            case "ok" -> assertTrue(errors.isEmpty(), k.id + ": expected load ok, got errors:\n  " + diags);
            case "warn" -> {
                assertTrue(errors.isEmpty(), k.id + ": expected load warn, got errors:\n  " + diags);
                assertFalse(warnings.isEmpty(), k.id + ": expected at least one warning, got none");
            }
            case "reject" -> assertFalse(errors.isEmpty(), k.id + ": expected the load to be rejected, but it "
                    + "loaded without errors");
            default -> fail("unknown load outcome " + k.load);
        }
        return rs;
    }

    private static Node value(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (((ScalarNode) t.getKeyNode()).getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /** One case; events are kept as the exact JSON text written in the file. */
    private static final class Case {
        String id;
        String title;
        String rules;
        String load = "ok";
        Map<String, List<String>> vars = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        List<List<String>> expect = new ArrayList<>();
        String timestampField;
        /** {@code "<event index, 4 digits> <rule identity>"} per expected alert. */
        List<String> expectAlerts = new ArrayList<>();
        boolean stream;

        boolean isStream() {
            return stream;
        }

        static Case read(MappingNode m, String fileText) {
            Case k = new Case();
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : m.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                seen.add(key);
                if (!CASE_KEYS.contains(key)) {
                    fail("unknown case key '" + key + "'");
                }
                Node v = t.getValueNode();
                switch (key) {
                    case "id" -> k.id = scalar(v);
                    case "title" -> k.title = scalar(v);
                    case "rules" -> k.rules = scalar(v);
                    case "load" -> k.load = scalar(v);
                    case "vars" -> {
                        for (NodeTuple vt : ((MappingNode) v).getValue()) {
                            List<String> vals = new ArrayList<>();
                            for (Node x : ((SequenceNode) vt.getValueNode()).getValue()) {
                                vals.add(scalar(x));
                            }
                            k.vars.put(scalar(vt.getKeyNode()), vals);
                        }
                    }
                    case "events" -> {
                        for (Node e : ((SequenceNode) v).getValue()) {
                            // Marks count code points, not chars (events may hold characters beyond the BMP).
                            int from = fileText.offsetByCodePoints(0, e.getStartMark().getIndex());
                            int to = fileText.offsetByCodePoints(0, e.getEndMark().getIndex());
                            k.events.add(fileText.substring(from, to));
                        }
                    }
                    case "expect" -> {
                        for (Node e : ((SequenceNode) v).getValue()) {
                            List<String> ids = new ArrayList<>();
                            for (Node x : ((SequenceNode) e).getValue()) {
                                ids.add(scalar(x));
                            }
                            k.expect.add(ids);
                        }
                    }
                    case "timestamp_field" -> {
                        k.stream = true;
                        k.timestampField = scalar(v);
                    }
                    case "expect_alerts" -> {
                        k.stream = true;
                        for (Node a : ((SequenceNode) v).getValue()) {
                            String rule = scalar(value((MappingNode) a, "rule"));
                            int event = Integer.parseInt(scalar(value((MappingNode) a, "event")));
                            k.expectAlerts.add(String.format("%04d ", event) + rule);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (!k.stream && seen.contains("events") && k.events.size() != k.expect.size()) {
                fail(k.id + ": events and expect differ in length");
            }
            if (k.stream && (k.timestampField == null || !seen.contains("expect_alerts") || seen.contains("expect"))) {
                fail(k.id + ": a stream case needs timestamp_field and expect_alerts, and no expect");
            }
            return k;
        }

        private static String scalar(Node n) {
            return ((ScalarNode) n).getValue();
        }
    }
}
