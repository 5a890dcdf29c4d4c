package io.sigmaengine.engine.program;

/**
 * What to look for in one field (or, for keywords, in every value of the event), for all rules at once: case-folded
 * literals through an {@link Automaton}, and integers through a sorted key table. Each literal or number carries
 * actions: set a predicate true (when the occurrence is at the right position) and mark rules as candidates (only
 * rules of the current bucket are marked).
 */
public final class FieldScan {

    /** Occurrence anywhere. */
    public static final byte ANYWHERE = 0;
    /** Occurrence at the start of the value. */
    public static final byte PREFIX = 1;
    /** Occurrence at the end of the value. */
    public static final byte SUFFIX = 2;
    /** Occurrence that is the whole value. */
    public static final byte WHOLE = 3;

    /** The field slot, or -1 for every value of the event. */
    public final int slot;
    /** Literal automaton, or {@code null}. */
    public final Automaton automaton;
    /**
     * The same literals as a skipping scan, when they are all long enough for it to read fewer characters than the
     * automaton (it then scans text values instead); else {@code null}.
     */
    public final SkipScanner skip;
    /**
     * Whether some literal could occur in the decimal text of an integer (it holds only digits and {@code -}); if
     * not, integer values need no text scan.
     */
    public final boolean scansIntegers;
    /** Whether the automaton also holds the keyword literals (so a value scanned here needs no keyword scan). */
    public final boolean includesKeywords;
    /** Per automaton pattern: its actions are {@code [patternActions[p], patternActions[p + 1])}. */
    public final int[] patternActions;
    /** Sorted integers to look up, or an empty array. */
    public final long[] numbers;
    /** Per number: its actions are {@code [numberActions[n], numberActions[n + 1])}. */
    public final int[] numberActions;
    /** Per action: the predicate to set true. */
    public final int[] actionPredicate;
    /** Per action: where the occurrence must be ({@link #ANYWHERE}, {@link #PREFIX}, ...). */
    public final byte[] actionPosition;
    /** Per action: the rules it triggers are {@code triggers[actionTriggers[a] .. actionTriggers[a + 1])}. */
    public final int[] actionTriggers;
    public final int[] triggers;

    public FieldScan(int slot, Automaton automaton, SkipScanner skip, boolean scansIntegers,
                     boolean includesKeywords, int[] patternActions, long[] numbers,
                     int[] numberActions, int[] actionPredicate, byte[] actionPosition, int[] actionTriggers,
                     int[] triggers) {
        this.slot = slot;
        this.automaton = automaton;
        this.skip = skip;
        this.scansIntegers = scansIntegers;
        this.includesKeywords = includesKeywords;
        this.patternActions = patternActions;
        this.numbers = numbers;
        this.numberActions = numberActions;
        this.actionPredicate = actionPredicate;
        this.actionPosition = actionPosition;
        this.actionTriggers = actionTriggers;
        this.triggers = triggers;
    }
}
