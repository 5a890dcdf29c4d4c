package io.sigmaengine.api;

/**
 * A position in a rule or pipeline file.
 *
 * @param source the file path or the name the text was loaded under
 * @param line   1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 */
public record SourceLocation(String source, int line, int column) {

    public SourceLocation {
        if (source == null) {
            source = "<unknown>";
        }
    }

    /** {@code source:line:column}, leaving out unknown parts. */
    @Override
    public String toString() {
        if (line <= 0) {
            return source;
        }
        return column <= 0 ? source + ":" + line : source + ":" + line + ":" + column;
    }
}
