package io.sigmaengine.api;

import java.util.List;

/**
 * One rule matching one event.
 *
 * @param rule           the rule that matched
 * @param ruleSetVersion the {@link RuleSet#version()} of the rule set that produced the match, so a caller that
 *                       hot-swaps rule sets knows which version judged the event
 * @param condition      0-based index of the condition that matched (rules may list several conditions)
 * @param selections     the search identifiers of the rule that were true for this event (why it matched);
 *                       empty if explanations are disabled
 * @param evidence       the field values that satisfied those identifiers; empty if explanations are disabled
 */
public record Match(RuleInfo rule, long ruleSetVersion, int condition, List<String> selections,
                    List<Evidence> evidence) {

    public Match {
        selections = List.copyOf(selections);
        evidence = List.copyOf(evidence);
    }

    /** Shortcut for {@code rule().identity()}. */
    public String ruleIdentity() {
        return rule.identity();
    }

    /**
     * One field comparison that held.
     *
     * @param selection the search identifier it belongs to
     * @param field     the field name as the compiled rule reads it ({@code null} for a keyword)
     * @param value     the event value that matched, as text (long values are shortened)
     * @param matcher   a short description of the comparison, e.g. {@code endswith '\cmd.exe'}
     */
    public record Evidence(String selection, String field, String value, String matcher) {
    }
}
