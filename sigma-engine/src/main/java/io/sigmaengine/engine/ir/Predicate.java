package io.sigmaengine.engine.ir;

import io.sigmaengine.engine.match.ValueTest;

/**
 * One comparison of the IR: a rule value against a field, or against every value of the event for a keyword
 * ({@code field == null}). Every predicate keeps its exact semantics as a {@link ValueTest}; the {@link Kind} and
 * literal say how an optimizer may decide it faster (a case-folded literal found by a multi-pattern scan, a
 * number looked up in a table).
 *
 * <p>Predicates are interned by {@link Lowering}: two leaves with the same predicate instance are the same
 * comparison and may be evaluated once per event. Equality is identity.
 */
public final class Predicate {

    /** How a predicate can be decided. */
    public enum Kind {
        /** The whole (case-folded) value equals {@link #literal()}. */
        EQUALS,
        /** The (case-folded) value starts with {@link #literal()}. */
        STARTS_WITH,
        /** The (case-folded) value ends with {@link #literal()}. */
        ENDS_WITH,
        /** The (case-folded) value contains {@link #literal()}. */
        CONTAINS,
        /** The value equals the integer {@link #number()} (a JSON number or a decimal string). */
        NUMBER_EQUALS,
        /** Anything else: decided by the {@link ValueTest}. */
        OTHER
    }

    private final String field;
    private final Kind kind;
    private final String literal;
    private final boolean verify;
    private final long number;
    private final ValueTest test;
    private final Object identity;

    /**
     * @param field   the field, or {@code null} for a keyword
     * @param kind    how it can be decided
     * @param literal for the string kinds, the case-folded literal; {@code null} for the others
     * @param verify  whether a literal hit must still be confirmed by the test (e.g. a case-sensitive comparison)
     * @param number  for {@code NUMBER_EQUALS}, the number
     * @param test     the exact semantics
     * @param identity what makes two predicates the same (field and value); used for display
     */
    public Predicate(String field, Kind kind, String literal, boolean verify, long number, ValueTest test,
                     Object identity) {
        this.field = field;
        this.kind = kind;
        this.literal = literal;
        this.verify = verify;
        this.number = number;
        this.test = test;
        this.identity = identity;
    }

    public String field() {
        return field;
    }

    public boolean isKeyword() {
        return field == null;
    }

    public Kind kind() {
        return kind;
    }

    public String literal() {
        return literal;
    }

    /** Whether a literal hit of a string kind decides the predicate on its own (no confirmation needed). */
    public boolean decidedByLiteral() {
        return !verify && (kind == Kind.EQUALS || kind == Kind.STARTS_WITH || kind == Kind.ENDS_WITH
                || kind == Kind.CONTAINS);
    }

    public boolean verify() {
        return verify;
    }

    public long number() {
        return number;
    }

    public ValueTest test() {
        return test;
    }

    /** A readable description: the field and the comparison. */
    @Override
    public String toString() {
        return (field == null ? "<keywords>" : field) + " " + test.describe();
    }
}
