package io.sigmaengine.engine.regex;

/**
 * A Thompson NFA: instructions in parallel arrays. Only {@link #CHARS} consumes input; {@link #ASSERT} passes
 * when the position has all the {@link Context} bits in its argument.
 */
final class Nfa {

    /** Consumes one code point of {@code sets[arg]}, then continues at {@code out}. */
    static final byte CHARS = 0;
    /** Continues at both {@code out} and {@code arg}. */
    static final byte SPLIT = 1;
    /** Continues at {@code out} if the position satisfies the conditions in {@code arg}. */
    static final byte ASSERT = 2;
    /** Continues at {@code out}. */
    static final byte EPSILON = 3;
    static final byte MATCH = 4;

    final byte[] op;
    final int[] out;
    final int[] arg;
    /** Distinct code-point sets of the {@link #CHARS} instructions. */
    final CodePointSet[] sets;
    final int start;

    Nfa(byte[] op, int[] out, int[] arg, CodePointSet[] sets, int start) {
        this.op = op;
        this.out = out;
        this.arg = arg;
        this.sets = sets;
        this.start = start;
    }

    int size() {
        return op.length;
    }
}
