package io.sigmaengine.engine.load;

import io.sigmaengine.api.Limits;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;
import io.sigmaengine.engine.yaml.YamlDocument;
import io.sigmaengine.engine.yaml.YamlException;
import io.sigmaengine.engine.yaml.YamlReader;
import io.sigmaengine.engine.yaml.YamlStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads rule files: reads the YAML stream, applies legacy {@code action: global / reset / repeat} collection
 * semantics (pySigma's), routes each document to the detection-rule, filter or correlation parser, and records
 * one diagnostic per problem. A broken document is counted as rejected; the others load.
 */
public final class RuleLoader {

    private final Limits limits;
    private final Diagnostics diagnostics;
    private final LoadedRules out;
    /** Values of the documents loaded so far, against {@link Limits#maxRuleSetSize()}. */
    private long loadedValues;

    public RuleLoader(Limits limits, Diagnostics diagnostics, LoadedRules out) {
        this(limits, diagnostics, out, 0);
    }

    /**
     * A loader whose rule-set budget ({@link Limits#maxRuleSetSize()}) starts with {@code usedValues} already
     * taken, for loading one file of several independently.
     */
    public RuleLoader(Limits limits, Diagnostics diagnostics, LoadedRules out, long usedValues) {
        this.limits = limits;
        this.diagnostics = diagnostics;
        this.out = out;
        this.loadedValues = usedValues;
    }

    /** Values of the rules and filters accepted so far, including those the loader started with. */
    public long loadedValues() {
        return loadedValues;
    }

    /** Loads one file; unreadable files are reported as an error diagnostic. */
    public void loadFile(Path path) {
        String source = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > limits.maxRuleFileBytes()) {
                diagnostics.error("yaml-limit", "rule file is " + size + " bytes; the limit is "
                        + limits.maxRuleFileBytes() + " (Limits.withMaxRuleFileBytes)", new SourceLocation(source, 0, 0),
                        null);
                out.reject();
                return;
            }
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            diagnostics.error("io-error", "cannot read rule file: " + e.getMessage(), new SourceLocation(source, 0, 0),
                    null);
            out.reject();
            return;
        }
        load(source, YamlReader.read(source, bytes, limits));
    }

    /** Loads rules given as text under a source name. */
    public void loadText(String source, String text) {
        load(source, YamlReader.read(source, text, limits));
    }

    private void load(String source, YamlStream stream) {
        List<YamlDocument> docs = stream.documents();
        if (docs.isEmpty() && stream.error() == null) {
            diagnostics.warn("empty-file", "the file holds no YAML document, so no rule", new SourceLocation(source, 1, 0),
                    null);
        }
        YMap global = null;
        YMap previous = null;
        boolean warnedActions = false;
        for (YamlDocument doc : docs) {
            YNode root = doc.root();
            SourceLocation docStart = new SourceLocation(source, doc.startLine(), 1);
            if (root == null) {
                continue;
            }
            if (!(root instanceof YMap map)) {
                diagnostics.error("document-not-mapping", "a rule document must be a YAML mapping of keys to values, "
                        + "not a " + (root instanceof YScalar ? "scalar" : "list"), docStart, null);
                out.reject();
                continue;
            }
            YNode action = map.get("action");
            if (action != null) {
                if (!warnedActions) {
                    diagnostics.warn("deprecated-action", "'action' collection documents are not part of Sigma 2; "
                            + "write each rule as a complete document", loc(source, action), null);
                    warnedActions = true;
                }
                String a = action instanceof YScalar s && s.isString() ? s.text() : null;
                if ("global".equals(a)) {
                    global = YamlMerge.without(map, "action");
                    previous = global;
                } else if ("reset".equals(a)) {
                    global = null;
                } else if ("repeat".equals(a)) {
                    if (previous == null) {
                        diagnostics.error("action-repeat-without-rule", "'action: repeat' needs a previous rule "
                                + "document to repeat", loc(source, action), null);
                        out.reject();
                        continue;
                    }
                    previous = YamlMerge.deepMerge(previous, YamlMerge.without(map, "action"));
                    parse(source, previous, docStart);
                } else {
                    diagnostics.error("action-unknown", "unknown collection action '" + (a == null ? action : a)
                            + "'; only global, reset and repeat exist", loc(source, action), null);
                    out.reject();
                }
                continue;
            }
            if (map.containsKey("correlation") || map.containsKey("filter")) {
                parse(source, map, docStart);
                continue;
            }
            YMap merged = global == null ? map : YamlMerge.deepMerge(map, global);
            if (global != null) {
                for (String k : YamlMerge.overriddenKeys(map, global)) {
                    diagnostics.warn("global-overrides", "the 'action: global' document overrides '" + k
                            + "' of this rule", docStart, null);
                }
            }
            previous = merged;
            parse(source, merged, docStart);
        }
        if (stream.error() != null) {
            YamlException e = stream.error();
            diagnostics.error(e.code(), e.getMessage(), new SourceLocation(source, e.line(), e.column()), null);
            out.reject();
        }
    }

    private void parse(String source, YMap map, SourceLocation docStart) {
        int mark = diagnostics.size();
        DocumentParser p = new DocumentParser(source, limits, diagnostics, docStart,
                limits.maxRuleSetSize() - loadedValues);
        if (map.containsKey("correlation")) {
            var c = p.parseCorrelation(map);
            if (c != null && !diagnostics.hasErrorsSince(mark)) {
                out.correlations().add(c);
            } else {
                out.reject();
            }
        } else if (map.containsKey("filter")) {
            var f = p.parseFilter(map);
            if (f != null && !diagnostics.hasErrorsSince(mark)) {
                loadedValues += values(f.detections());
                out.filters().add(f);
            } else {
                out.reject();
            }
        } else {
            var r = p.parseRule(map);
            if (r != null && !diagnostics.hasErrorsSince(mark)) {
                loadedValues += values(r.detections());
                out.rules().add(r);
            } else {
                out.reject();
            }
        }
    }

    private static long values(List<Detection> detections) {
        long n = 0;
        for (Detection d : detections) {
            n += d.body().valueCount();
        }
        return n;
    }

    static SourceLocation loc(String source, YNode node) {
        return new SourceLocation(source, node.line(), node.column());
    }

    /** All {@code *.yml} and {@code *.yaml} files below a directory, sorted by path. */
    public static List<Path> ruleFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yml") || n.endsWith(".yaml");
            }).sorted().forEach(files::add);
        }
        return files;
    }
}
