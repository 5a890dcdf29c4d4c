package io.sigmaengine.api;

/**
 * A self-describing event: the engine reads fields by name and, for keyword searches, visits every value.
 *
 * <p>Field values are returned as plain Java objects:
 * <ul>
 *   <li>{@link CharSequence} (usually {@link String}) for text;</li>
 *   <li>{@link Number} ({@code Integer}, {@code Long}, {@code Double}, {@code BigInteger}, {@code BigDecimal}, ...);</li>
 *   <li>{@link Boolean};</li>
 *   <li>{@link java.util.List} or an {@code Object[]} for multi-valued fields (a value matches if any element
 *       matches);</li>
 *   <li>{@link java.util.Map} for a nested object (matches only {@code exists});</li>
 *   <li>{@code null} for a field that is present with a null value;</li>
 *   <li>{@link #MISSING} for a field that is absent.</li>
 * </ul>
 *
 * <p>Field names are case-sensitive. How dotted names such as {@code a.b.c} are resolved is up to the
 * implementation; the built-in events look for the literal key first and then walk nested maps.
 *
 * @see EventAdapter for reading the caller's own event type without wrapping it
 */
public interface Event {

    /** The value returned by {@link #get(String)} for a field that is not present at all. */
    Object MISSING = Missing.INSTANCE;

    /**
     * Returns the value of a field, {@code null} if it is present with a null value, or {@link #MISSING}.
     *
     * @param field the field name exactly as the (pipeline-processed) rule spells it
     */
    Object get(String field);

    /**
     * Visits every scalar value of the event (strings, numbers, booleans), at any depth, for keyword searches.
     * Field names are not values and are not visited.
     *
     * @return {@code false} if the visitor stopped the walk early
     */
    boolean visitValues(ValueVisitor visitor);

    /** The {@link EventAdapter} that reads {@link Event} objects. */
    static EventAdapter<Event> adapter() {
        return EventAdapter.OF_EVENT;
    }

    /** Marker type of {@link #MISSING}. */
    final class Missing {
        static final Missing INSTANCE = new Missing();

        private Missing() {
        }

        @Override
        public String toString() {
            return "<missing>";
        }
    }
}
