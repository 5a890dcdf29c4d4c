package io.sigmaengine.engine.ir;

/**
 * A rule in IR form.
 *
 * @param index the rule's index in the rule set (what matchers report)
 * @param root  true when the rule matches (its conditions ORed, filters ANDed in)
 */
public record IrRule(int index, Node root) {
}
