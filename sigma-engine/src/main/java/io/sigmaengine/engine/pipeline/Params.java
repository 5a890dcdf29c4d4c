package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.yaml.YList;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the parameters of one pipeline mapping (a processing item, a condition). Every problem is a
 * {@link ConfigurationException} that names the file, line and column; a key the caller does not know is an
 * error too (as in pySigma, where unknown parameters fail the dataclass constructor), so a misspelt parameter is
 * never silently ignored.
 */
final class Params {

    private final String source;
    private final YMap map;

    Params(String source, YMap map) {
        this.source = source;
        this.map = map;
    }

    YMap map() {
        return map;
    }

    String source() {
        return source;
    }

    /** Fails on any key that is neither in {@code known} nor in {@code alsoKnown}. */
    void rejectUnknown(String what, Collection<String> known, Set<String> alsoKnown) {
        for (YMap.Entry e : map.entries()) {
            if (!known.contains(e.key()) && !alsoKnown.contains(e.key())) {
                throw fail(e, what + " has no parameter '" + e.key() + "'");
            }
        }
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    YNode node(String key) {
        return map.get(key);
    }

    /** A scalar's text; {@code null} if absent (or YAML null) and not required. */
    String string(String key, boolean required) {
        YNode n = map.get(key);
        if (n == null || (n instanceof YScalar s0 && s0.isNull())) {
            if (required) {
                throw fail(map, "missing '" + key + "'");
            }
            return null;
        }
        if (n instanceof YScalar s) {
            return s.text();
        }
        throw fail(n, "'" + key + "' must be a scalar");
    }

    /** One of {@code allowed}, or {@code fallback} if absent. */
    String choice(String key, String fallback, String... allowed) {
        String v = string(key, false);
        if (v == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw fail(map.get(key), "'" + key + "' must be one of " + List.of(allowed) + ", not '" + v + "'");
    }

    boolean bool(String key) {
        YNode n = map.get(key);
        if (n == null) {
            return false;
        }
        if (n instanceof YScalar s && s.type() == YScalar.Type.BOOL) {
            return (Boolean) s.value();
        }
        throw fail(n, "'" + key + "' must be true or false");
    }

    /** A string or a list of strings (numbers are taken as written). */
    List<String> strings(String key, boolean required) {
        YNode n = map.get(key);
        if (n == null) {
            if (required) {
                throw fail(map, "missing '" + key + "'");
            }
            return null;
        }
        return strings(n, key);
    }

    List<String> strings(YNode n, String what) {
        List<String> out = new ArrayList<>();
        if (n instanceof YScalar s && !s.isNull()) {
            out.add(s.text());
        } else if (n instanceof YList l) {
            for (YNode x : l.items()) {
                if (!(x instanceof YScalar s) || s.isNull()) {
                    throw fail(x, "'" + what + "' must hold strings");
                }
                out.add(s.text());
            }
        } else {
            throw fail(n, "'" + what + "' must be a string or a list of strings");
        }
        return out;
    }

    /** A mapping of names to a string or a list of strings, in document order. */
    Map<String, List<String>> stringListMap(String key) {
        YNode n = map.get(key);
        if (!(n instanceof YMap m)) {
            throw fail(n == null ? map : n, "'" + key + "' must be a mapping");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (YMap.Entry e : m.entries()) {
            out.put(e.key(), strings(e.value(), key + "." + e.key()));
        }
        return out;
    }

    /** A scalar as its typed YAML value: String, Long/BigInteger, Double, Boolean or {@code null}. */
    Object scalar(String key, boolean required) {
        YNode n = map.get(key);
        if (n == null) {
            if (required) {
                throw fail(map, "missing '" + key + "'");
            }
            return null;
        }
        if (n instanceof YScalar s) {
            return s.type() == YScalar.Type.TIMESTAMP ? s.text() : s.value();
        }
        throw fail(n, "'" + key + "' must be a scalar");
    }

    /**
     * A scalar as a Sigma value, as pySigma's {@code sigma_type} types it: a string is a Sigma string (so
     * {@code *} and {@code ?} are wildcards), a number a number, a boolean a boolean, {@code null} null.
     */
    SigmaValue sigmaValue(String key, boolean required) {
        Object v = scalar(key, required);
        if (v instanceof String s) {
            return new SigmaValue.Str(SigmaString.parse(s), false);
        }
        if (v instanceof Boolean b) {
            return new SigmaValue.Bool(b);
        }
        if (v instanceof Number n) {
            SigmaNumber num = SigmaNumber.of(n);
            if (num == null) {
                throw fail(map.get(key), "'" + key + "' must be a finite number");
            }
            return new SigmaValue.Num(num);
        }
        return SigmaValue.Null.INSTANCE;
    }

    ConfigurationException fail(YMap.Entry e, String message) {
        return new ConfigurationException(new SourceLocation(source, e.keyLine(), e.keyColumn()) + ": " + message);
    }

    ConfigurationException fail(YNode n, String message) {
        return fail(source, n, message);
    }

    static ConfigurationException fail(String source, YNode n, String message) {
        String where = n == null ? source : new SourceLocation(source, n.line(), n.column()).toString();
        return new ConfigurationException(where + ": " + message);
    }
}
