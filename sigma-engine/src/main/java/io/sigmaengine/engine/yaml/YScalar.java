package io.sigmaengine.engine.yaml;

/**
 * A YAML scalar, typed as PyYAML's YAML 1.1 resolver types it (plain scalars only; quoted scalars are always
 * strings).
 *
 * @param line   1-based line
 * @param column 1-based column
 * @param type   the resolved type
 * @param value  the Java value: {@code String} for {@link Type#STRING} and {@link Type#TIMESTAMP} (the text as
 *               written), {@code Long} or {@code java.math.BigInteger} for {@link Type#INT}, {@code Double} for
 *               {@link Type#FLOAT}, {@code Boolean} for {@link Type#BOOL}, {@code null} for {@link Type#NULL}
 * @param text   the scalar's text after YAML escape processing (for a plain scalar, exactly as written)
 * @param quoted whether the scalar was single- or double-quoted (or a block scalar)
 */
public record YScalar(int line, int column, Type type, Object value, String text, boolean quoted) implements YNode {

    /** Scalar types of the YAML 1.1 resolver that PyYAML uses. */
    public enum Type {
        STRING, INT, FLOAT, BOOL, NULL, TIMESTAMP
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    public boolean isString() {
        return type == Type.STRING;
    }
}
