package io.sigmaengine.engine.load;

import io.sigmaengine.api.Limits;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.Modifier;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.ModifierChain;
import io.sigmaengine.engine.model.RawValue;
import io.sigmaengine.engine.model.RegexSupport;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.yaml.YList;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one search identifier (pySigma's {@code SigmaDetection.from_definition}): a map is an AND of
 * {@code field|modifiers: values} items, a list of maps an OR, a list of scalars (or a scalar) a keyword search.
 */
public final class DetectionParser {

    private final String source;
    private final Limits limits;
    private final Diagnostics diag;
    private final String ruleName;
    /** Values the rule set can still take ({@link Limits#maxRuleSetSize()}). */
    private final long ruleSetRoom;
    private long valueCount;

    public DetectionParser(String source, Limits limits, Diagnostics diag, String ruleName) {
        this(source, limits, diag, ruleName, Long.MAX_VALUE);
    }

    /** A parser that also rejects the rule once it has more values than the rule set has room for. */
    public DetectionParser(String source, Limits limits, Diagnostics diag, String ruleName, long ruleSetRoom) {
        this.source = source;
        this.limits = limits;
        this.diag = diag;
        this.ruleName = ruleName;
        this.ruleSetRoom = ruleSetRoom;
    }

    /** Parses a search identifier; returns {@code null} after reporting errors. */
    public Detection detection(YMap.Entry entry) {
        int mark = diag.size();
        SourceLocation at = new SourceLocation(source, entry.keyLine(), entry.keyColumn());
        DetectionNode body = node(entry.key(), entry.value(), 0);
        if (body == null || diag.hasErrorsSince(mark)) {
            return null;
        }
        return new Detection(entry.key(), body, at);
    }

    /** Parses the body of a search identifier named {@code name}; returns {@code null} after reporting errors. */
    public DetectionNode node(String name, YNode n, int depth) {
        if (n instanceof YMap m) {
            if (m.size() == 0) {
                error("empty-detection", "search identifier '" + name + "' is empty", n);
                return null;
            }
            List<DetectionNode> items = new ArrayList<>();
            for (YMap.Entry e : m.entries()) {
                DetectionItem item = item(e);
                if (item != null) {
                    items.add(new DetectionNode.Item(item));
                }
            }
            return items.size() == 1 ? items.get(0) : new DetectionNode.AllOf(items);
        }
        if (n instanceof YList l) {
            if (l.size() == 0) {
                error("empty-detection", "search identifier '" + name + "' is an empty list; a keyword list needs "
                        + "at least one value", n);
                return null;
            }
            boolean allScalars = l.items().stream().allMatch(x -> x instanceof YScalar);
            if (allScalars) {
                return keywords(l.items(), n);
            }
            if (depth > 2) {
                error("detection-nesting", "search identifier '" + name + "' nests lists too deeply", n);
                return null;
            }
            List<DetectionNode> alts = new ArrayList<>();
            for (YNode x : l.items()) {
                DetectionNode c = x instanceof YScalar ? keywords(List.of(x), x) : node(name, x, depth + 1);
                if (c != null) {
                    alts.add(c);
                }
            }
            return alts.size() == 1 ? alts.get(0) : new DetectionNode.AnyOf(alts);
        }
        if (n instanceof YScalar) {
            return keywords(List.of(n), n);
        }
        error("detection-type", "search identifier '" + name + "' must be a mapping, a list or a keyword", n);
        return null;
    }

    private DetectionNode keywords(List<YNode> scalars, YNode at) {
        List<RawValue> raws = new ArrayList<>();
        for (YNode x : scalars) {
            RawValue r = raw((YScalar) x);
            if (r == null) {
                return null;
            }
            if (r.kind() == RawValue.Kind.NULL) {
                error("null-keyword", "a null value must be bound to a field; a keyword cannot be null", x);
                return null;
            }
            raws.add(r);
        }
        DetectionItem item = build(null, List.of(), raws, loc(at), "keywords");
        return item == null ? null : new DetectionNode.Item(item);
    }

    private DetectionItem item(YMap.Entry e) {
        SourceLocation at = new SourceLocation(source, e.keyLine(), e.keyColumn());
        ModifierChain.ParsedKey key;
        try {
            key = ModifierChain.parseKey(e.key());
        } catch (ModelException ex) {
            diag.error(ex.code(), ex.getMessage(), at, ruleName);
            return null;
        }
        List<RawValue> raws = new ArrayList<>();
        YNode v = e.value();
        if (v instanceof YScalar s) {
            RawValue r = raw(s);
            if (r == null) {
                return null;
            }
            raws.add(r);
        } else if (v instanceof YList l) {
            if (l.size() == 0) {
                diag.warn("empty-value-list", "'" + e.key() + ": []' is treated as a null check (pySigma); write '"
                        + e.key() + ": null' to say so", at, ruleName);
                raws.add(RawValue.nullValue());
            }
            boolean hasNull = false;
            for (YNode x : l.items()) {
                if (!(x instanceof YScalar s)) {
                    error("value-type", "'" + e.key() + "' holds a " + (x instanceof YList ? "list" : "mapping")
                            + " inside its value list; values must be strings, numbers, booleans or null", x);
                    return null;
                }
                RawValue r = raw(s);
                if (r == null) {
                    return null;
                }
                hasNull |= r.kind() == RawValue.Kind.NULL;
                raws.add(r);
            }
            if (hasNull && raws.size() > 1) {
                diag.warn("null-in-list", "'" + e.key() + "' mixes null with other values; the specification "
                        + "forbids this, and it is evaluated as 'null or value' as pySigma does", at, ruleName);
            }
        } else {
            error("value-type", "'" + e.key() + "' has a mapping as its value; values must be strings, numbers, "
                    + "booleans, null or a list of them", v);
            return null;
        }
        return build(key.field(), key.modifiers(), raws, at, e.key());
    }

    private DetectionItem build(String field, List<Modifier> modifiers, List<RawValue> raws, SourceLocation at,
                                String key) {
        long cap = Math.min(limits.maxValuesPerRule(), ruleSetRoom);
        if (valueCount > cap) {
            return null; // reported once; expanding further values would only cost time
        }
        try {
            // The chain stops expanding at the room left, so a rule cannot make the loader do unbounded work.
            ModifierChain.Result r = ModifierChain.apply(field, modifiers, raws,
                    limits.withMaxValuesPerRule((int) Math.max(1, cap - valueCount)));
            valueCount += r.valueCount();
            if (valueCount > cap) {
                tooManyValues(at);
                return null;
            }
            for (SigmaValue v : r.values()) {
                if (v instanceof SigmaValue.Regex re) {
                    // Compiled here too so that a bad or unsafe regex is reported at its own line.
                    RegexSupport.compile(re.pattern(), re.flags(), limits.maxRegexLength());
                }
            }
            for (ModifierChain.Warning w : r.warnings()) {
                diag.warn(w.code(), "'" + key + "': " + w.message(), at, ruleName);
            }
            return new DetectionItem(field, modifiers, r.values(), r.all(), r.negated(), at);
        } catch (ModelException ex) {
            if (ex.code().equals("values-limit")) {
                valueCount = Long.MAX_VALUE / 2;
                tooManyValues(at);
            } else {
                diag.error(ex.code(), ex.getMessage(), at, ruleName);
            }
            return null;
        }
    }

    private void tooManyValues(SourceLocation at) {
        if (ruleSetRoom < limits.maxValuesPerRule()) {
            diag.error("rule-set-limit", "the rule's values would take the rule set past " + limits.maxRuleSetSize()
                    + " values and condition terms, counted after expansion (Limits.withMaxRuleSetSize)", at, ruleName);
        } else {
            diag.error("values-limit", "the rule has more than " + limits.maxValuesPerRule() + " values, counted after "
                    + "expansion by windash, base64offset and placeholders (Limits.withMaxValuesPerRule)", at, ruleName);
        }
    }

    /** Converts a YAML scalar into a raw rule value, rejecting types Sigma does not allow. */
    private RawValue raw(YScalar s) {
        switch (s.type()) {
            case STRING:
                return RawValue.string(s.text());
            case INT:
                return RawValue.number(SigmaNumber.of((Number) s.value()));
            case FLOAT: {
                SigmaNumber n = SigmaNumber.of((Number) s.value());
                if (n == null) {
                    error("invalid-number", "'" + s.text() + "' is not a finite number", s);
                    return null;
                }
                return RawValue.number(n);
            }
            case BOOL:
                return RawValue.bool((Boolean) s.value());
            case NULL:
                return RawValue.nullValue();
            default:
                error("value-type", "'" + s.text() + "' is read by YAML as a date, which is not a Sigma value; quote "
                        + "it to compare it as text", s);
                return null;
        }
    }

    private SourceLocation loc(YNode n) {
        return new SourceLocation(source, n.line(), n.column());
    }

    private void error(String code, String message, YNode at) {
        diag.error(code, message, loc(at), ruleName);
    }
}
