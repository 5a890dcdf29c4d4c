package io.sigmaengine.api;

import java.util.List;
import java.util.Map;

/**
 * The metadata of a loaded rule, as written in its file (after legacy {@code action: global} merging).
 *
 * @param identity       what results name the rule by: its {@code id}, else its {@code name}, else its title
 * @param id             the {@code id} as written, or {@code null}
 * @param name           the {@code name}, or {@code null}
 * @param title          the title
 * @param kind           detection, correlation or filter
 * @param level          the level, or {@code null} if not given
 * @param status         the status, or {@code null} if not given
 * @param description    the description, or {@code null}
 * @param author         the author, or {@code null}
 * @param tags           the tags (empty if none)
 * @param references     the references (empty if none)
 * @param falsePositives the false-positive notes (empty if none)
 * @param fields         the fields worth showing an analyst (empty if none)
 * @param logsource      the log source keys as written (category, product, service, ...), before pipelines
 * @param location       the file and line where the rule's document starts
 * @param evaluated      whether the rule is evaluated (deprecated/unsupported rules are not, unless asked for)
 */
public record RuleInfo(
        String identity,
        String id,
        String name,
        String title,
        RuleKind kind,
        Level level,
        Status status,
        String description,
        String author,
        List<String> tags,
        List<String> references,
        List<String> falsePositives,
        List<String> fields,
        Map<String, String> logsource,
        SourceLocation location,
        boolean evaluated) {

    public RuleInfo {
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        fields = List.copyOf(fields);
        logsource = Map.copyOf(logsource);
    }
}
