package io.sigmaengine.engine.program;

/**
 * A node of the routing tree: looks at one field of the event and picks the child for its value. Children are
 * {@link Route}s or {@link Bucket}s. Keys are integers ({@code numeric}: the field's value as a decimal number) or
 * case-folded text.
 */
public final class Route {

    /** The field slot examined. */
    public final int slot;
    /** Whether keys are numbers rather than text. */
    public final boolean numeric;
    /** Sorted numeric keys (when {@code numeric}). */
    public final long[] numberKeys;
    /** Text keys (when not {@code numeric}). */
    public final TextKeys textKeys;
    /** Child per key, in key order. */
    public final Object[] targets;
    /** Child when the field is missing, null, or has a value no key matches. */
    public final Object other;
    /** Child when the value is a list or a map: every rule of this node, since any element may match. */
    public final Object any;

    public Route(int slot, boolean numeric, long[] numberKeys, TextKeys textKeys, Object[] targets, Object other,
                 Object any) {
        this.slot = slot;
        this.numeric = numeric;
        this.numberKeys = numberKeys;
        this.textKeys = textKeys;
        this.targets = targets;
        this.other = other;
        this.any = any;
    }
}
