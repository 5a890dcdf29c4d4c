package io.sigmaengine.engine.model;

import io.sigmaengine.api.Level;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.api.Status;

import java.util.List;
import java.util.Map;

/**
 * The descriptive fields shared by detection rules, correlation rules and filters.
 *
 * @param id             the {@code id} as written, or {@code null}
 * @param name           the {@code name}, or {@code null}
 * @param title          the title
 * @param status         the status, or {@code null}
 * @param level          the level, or {@code null}
 * @param description    the description, or {@code null}
 * @param author         the author, or {@code null}
 * @param tags           tags as written
 * @param references     references
 * @param falsePositives false-positive notes
 * @param fields         fields worth showing
 * @param custom         other top-level scalar keys rendered as text (custom attributes)
 * @param location       where the document starts
 */
public record RuleMeta(String id, String name, String title, Status status, Level level, String description,
                       String author, List<String> tags, List<String> references, List<String> falsePositives,
                       List<String> fields, Map<String, String> custom, SourceLocation location) {

    public RuleMeta {
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        fields = List.copyOf(fields);
        custom = Map.copyOf(custom);
    }

    /** How results name the rule: its id, else its name, else its title. */
    public String identity() {
        if (id != null) {
            return id;
        }
        return name != null ? name : title;
    }

    public RuleMeta withFields(List<String> newFields) {
        return new RuleMeta(id, name, title, status, level, description, author, tags, references, falsePositives,
                newFields, custom, location);
    }
}
