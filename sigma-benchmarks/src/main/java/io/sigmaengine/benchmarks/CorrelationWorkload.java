package io.sigmaengine.benchmarks;

import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.api.ValueVisitor;

/**
 * A correlation workload shared by {@link CorrelationBenchmark} and {@link CorrelationHeap}: a rule set with two
 * base rules ({@code Action: a}, {@code Action: b}) and one correlation grouped by {@code User}, and a stream of
 * events that visits the groups round robin, one millisecond apart. Events are plain objects read through an
 * {@link EventAdapter}, so the figures are those of matching and correlating, not of JSON parsing.
 */
final class CorrelationWorkload {

    /** The correlation types measured, with the condition each uses. */
    enum Kind {
        event_count("type: event_count\n  rules: [a, b]\n  condition: {gte: 5}"),
        value_count("type: value_count\n  rules: [a, b]\n  condition: {field: Value, gte: 3}"),
        temporal_ordered("type: temporal_ordered\n  rules: [a, b]");

        final String definition;

        Kind(String definition) {
            this.definition = definition;
        }
    }

    /** A minimal event. */
    static final class Ev {
        long time;
        String user;
        String action;
        String value;
    }

    private static final EventAdapter<Ev> ADAPTER = new EventAdapter<>() {
        @Override
        public Object get(Ev e, String field) {
            return switch (field) {
                case "@timestamp" -> e.time;
                case "User" -> e.user;
                case "Action" -> e.action;
                case "Value" -> e.value;
                default -> Event.MISSING;
            };
        }

        @Override
        public boolean visitValues(Ev e, ValueVisitor visitor) {
            return visitor.visit(e.user) && visitor.visit(e.action) && visitor.visit(e.value);
        }

        @Override
        public FieldGetter<Ev> bind(String field) {
            return switch (field) {
                case "@timestamp" -> e -> e.time;
                case "User" -> e -> e.user;
                case "Action" -> e -> e.action;
                case "Value" -> e -> e.value;
                default -> e -> Event.MISSING;
            };
        }
    };

    static final DetectionListener IGNORE = DetectionListener.of(m -> { }, a -> { });

    private static final String[] VALUES = {"v0", "v1", "v2", "v3", "v4", "v5", "v6"};

    final Detector<Ev> detector;
    private final String[] users;
    private final boolean freshKeys;
    private final Ev event = new Ev();
    private long sequence;

    /**
     * @param freshKeys whether each event carries a new copy of its user name, as events from a parser do (so the
     *                  group keys the detector keeps are its own); otherwise events share one string per user
     */
    CorrelationWorkload(Kind kind, int groups, boolean freshKeys) {
        this.freshKeys = freshKeys;
        RuleSet rules = Sigma.ruleSet().addRules("bench.yml", "title: c\nname: c\ncorrelation:\n  "
                + kind.definition + "\n  group-by: [User]\n  timespan: 1h\n---\n"
                + "title: a\nname: a\nlogsource: {product: bench}\ndetection:\n  sel: {Action: a}\n  condition: sel\n"
                + "---\n"
                + "title: b\nname: b\nlogsource: {product: bench}\ndetection:\n  sel: {Action: b}\n  condition: sel\n")
                .build();
        if (rules.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalStateException(rules.diagnostics().toString());
        }
        detector = rules.detector(ADAPTER, DetectorOptions.defaults().withMaxGroups(Math.max(groups, 1_000_000)));
        users = new String[groups];
        for (int i = 0; i < groups; i++) {
            users[i] = "user-" + i;
        }
        event.time = 1_772_359_200_000L;
    }

    /** Feeds the next event: group {@code i mod groups}; each pass over the groups alternates a and b. */
    void next() {
        long i = sequence++;
        int groups = users.length;
        event.time++;
        String user = users[(int) (i % groups)];
        event.user = freshKeys ? new String(user.toCharArray()) : user;
        event.action = ((i / groups) & 1) == 0 ? "a" : "b";
        event.value = VALUES[(int) ((i / groups) % VALUES.length)];
        detector.process(event, i, IGNORE);
    }
}
