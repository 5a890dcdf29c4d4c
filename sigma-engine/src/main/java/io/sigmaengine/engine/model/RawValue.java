package io.sigmaengine.engine.model;

/**
 * A rule value as written, before modifiers: a string, a number, a boolean or null. Produced by the loader from
 * YAML scalars typed with YAML 1.1 rules.
 *
 * @param kind  what the scalar is
 * @param value a {@code String}, a {@link SigmaNumber}, a {@code Boolean}, or {@code null}
 */
public record RawValue(Kind kind, Object value) {

    /** Scalar kinds. */
    public enum Kind {
        STRING, NUMBER, BOOL, NULL
    }

    public static RawValue string(String s) {
        return new RawValue(Kind.STRING, s);
    }

    public static RawValue number(SigmaNumber n) {
        return new RawValue(Kind.NUMBER, n);
    }

    public static RawValue bool(boolean b) {
        return new RawValue(Kind.BOOL, b);
    }

    public static RawValue nullValue() {
        return new RawValue(Kind.NULL, null);
    }

    /** The text of the value as Python's {@code str()} would render it for strings and numbers. */
    public String text() {
        return switch (kind) {
            case STRING -> (String) value;
            case NUMBER -> value.toString();
            case BOOL -> ((Boolean) value) ? "true" : "false";
            case NULL -> "null";
        };
    }
}
