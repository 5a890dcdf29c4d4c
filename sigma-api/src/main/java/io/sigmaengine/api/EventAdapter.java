package io.sigmaengine.api;

/**
 * Reads fields from the caller's own event type, so that an agent can evaluate its native event objects without
 * copying them into maps. Implementations must be stateless or thread-safe: one adapter serves every thread.
 *
 * <p>Values follow the conventions of {@link Event#get(String)}.
 *
 * @param <E> the caller's event type
 */
public interface EventAdapter<E> {

    /** Returns the value of {@code field} in {@code event}, {@code null} for a present null, or {@link Event#MISSING}. */
    Object get(E event, String field);

    /** Visits every scalar value of {@code event}; see {@link Event#visitValues(ValueVisitor)}. */
    boolean visitValues(E event, ValueVisitor visitor);

    /**
     * Binds a field name once, when a rule set is prepared for this adapter, so that per-event lookups can skip
     * name parsing (for example a getter on a known property). The default simply calls {@link #get}.
     */
    default FieldGetter<E> bind(String field) {
        return event -> get(event, field);
    }

    /** Reads one field of an event; returned by {@link EventAdapter#bind(String)}. */
    @FunctionalInterface
    interface FieldGetter<E> {
        Object get(E event);
    }

    /** The adapter for self-describing {@link Event}s. */
    EventAdapter<Event> OF_EVENT = new EventAdapter<>() {
        @Override
        public Object get(Event event, String field) {
            return event.get(field);
        }

        @Override
        public boolean visitValues(Event event, ValueVisitor visitor) {
            return event.visitValues(visitor);
        }
    };
}
