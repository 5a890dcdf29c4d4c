package io.sigmaengine.api;

/** The kinds of Sigma documents a rule set holds. */
public enum RuleKind {
    /** A detection rule: a condition over search identifiers, evaluated per event. */
    DETECTION,
    /** A correlation rule over the matches of other rules. */
    CORRELATION,
    /** A meta filter that narrows other rules. */
    FILTER
}
