package io.sigmaengine.api;

/**
 * A problem found while loading rules or pipelines. Errors reject the rule they concern (and only that rule);
 * warnings are reported and the rule is still used.
 *
 * @param severity error or warning
 * @param code     a stable, kebab-case identifier of the kind of problem (e.g. {@code unknown-modifier}); safe to
 *                 filter on
 * @param message  a sentence saying what is wrong and, where possible, how to fix it
 * @param location where the problem is
 * @param rule     the id, name or title of the rule concerned, or {@code null} when the problem is not in one rule
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location, String rule) {

    /** How serious a diagnostic is. */
    public enum Severity {
        /** The rule (or document) is rejected. */
        ERROR,
        /** The rule is loaded; something deserves attention. */
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: message [code] (rule)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(location).append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ")
                .append(message).append(" [").append(code).append(']');
        if (rule != null) {
            sb.append(" (rule: ").append(rule).append(')');
        }
        return sb.toString();
    }
}
