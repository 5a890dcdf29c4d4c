package io.sigmaengine.engine.model;

import io.sigmaengine.api.SourceLocation;

import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a search identifier, after modifiers.
 *
 * <p>Semantics: each value is compared with the field (for a keyword item, with every value of the event); the
 * results are ORed, or ANDed when {@code all} is set ({@link SigmaValue.Expansion} alternatives stay ORed inside
 * each value); {@code negated} ({@code neq}) inverts the whole item.
 *
 * @param field     the event field, or {@code null} for a keyword (field-less) item
 * @param modifiers the modifiers as written, for reporting
 * @param values    the typed values (never empty)
 * @param all       {@code all}: every value must match
 * @param negated   {@code neq}: the item is true when the values do not match
 * @param location  where the item's key is written
 */
public record DetectionItem(String field, List<Modifier> modifiers, List<SigmaValue> values, boolean all,
                            boolean negated, SourceLocation location) {

    public DetectionItem {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    public boolean isKeyword() {
        return field == null;
    }

    public DetectionItem withField(String newField) {
        return new DetectionItem(newField, modifiers, values, all, negated, location);
    }

    public DetectionItem withValues(List<SigmaValue> newValues) {
        return new DetectionItem(field, modifiers, newValues, all, negated, location);
    }

    /** {@code field|mod1|mod2} as written (or {@code |mods} for a keyword). */
    public String key() {
        StringBuilder sb = new StringBuilder(field == null ? "" : field);
        for (Modifier m : modifiers) {
            sb.append('|').append(m.yamlName());
        }
        return sb.toString();
    }
}
