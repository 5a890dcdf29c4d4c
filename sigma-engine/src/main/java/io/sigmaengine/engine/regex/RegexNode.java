package io.sigmaengine.engine.regex;

import java.util.List;

/**
 * A parsed pattern reduced to the language it matches: case folding, classes and flags are already resolved into
 * code-point sets, and captures, greediness and names are gone because a boolean search does not see them.
 */
sealed interface RegexNode {

    /** Matches the empty string. */
    RegexNode EMPTY = new Concat(List.of());

    /** One code point from the set. */
    record Chars(CodePointSet set) implements RegexNode {
    }

    /** The empty string at positions satisfying all {@link Context} condition bits. */
    record Assertion(int condition) implements RegexNode {
    }

    record Concat(List<RegexNode> items) implements RegexNode {
        public Concat {
            items = List.copyOf(items);
        }
    }

    record Alternation(List<RegexNode> alternatives) implements RegexNode {
        public Alternation {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** {@code item} repeated {@code min} to {@code max} times; {@code max == -1} means unbounded. */
    record Repeat(RegexNode item, int min, int max) implements RegexNode {
    }
}
