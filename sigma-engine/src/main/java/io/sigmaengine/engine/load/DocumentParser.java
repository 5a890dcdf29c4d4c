package io.sigmaengine.engine.load;

import io.sigmaengine.api.Level;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.SourceLocation;
import io.sigmaengine.api.Status;
import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.condition.ConditionParser;
import io.sigmaengine.engine.condition.ConditionSyntaxException;
import io.sigmaengine.engine.condition.ParsedCondition;
import io.sigmaengine.engine.model.ConditionEntry;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaFilter;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.yaml.YList;
import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;
import io.sigmaengine.engine.yaml.YScalar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one YAML document into a detection rule, a filter or a correlation rule, validating every field as §1
 * of the semantics document says: errors (reported, document rejected) and warnings (reported only).
 */
final class DocumentParser {

    private static final Set<String> RULE_KEYS = Set.of("title", "id", "name", "related", "taxonomy", "status",
            "description", "license", "author", "references", "date", "modified", "logsource", "detection", "fields",
            "falsepositives", "level", "tags", "scope");
    private static final Map<String, String> MISSPELLINGS = Map.of("reference", "references", "realted", "related",
            "falsepositive", "falsepositives", "tag", "tags", "field", "fields", "authors", "author",
            "false_positives", "falsepositives", "logsources", "logsource");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern LEGACY_DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final Pattern TAG = Pattern.compile("[a-z0-9_-]+\\.[a-z0-9._-]+");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdwMy])");
    private static final Set<String> RELATED_TYPES = Set.of("derived", "obsolete", "merged", "renamed", "similar",
            "correlation");

    private final String source;
    private final Limits limits;
    private final Diagnostics diag;
    private final SourceLocation docStart;
    private final long ruleSetRoom;
    private String ruleName;

    /** @param ruleSetRoom values the rule set can still take ({@link Limits#maxRuleSetSize()}) */
    DocumentParser(String source, Limits limits, Diagnostics diag, SourceLocation docStart, long ruleSetRoom) {
        this.source = source;
        this.limits = limits;
        this.diag = diag;
        this.docStart = docStart;
        this.ruleSetRoom = ruleSetRoom;
    }

    // ---------------------------------------------------------------- detection rules

    SigmaRule parseRule(YMap m) {
        RuleMeta meta = meta(m, RULE_KEYS, true);
        LogSource ls = logsource(m, true);
        YNode det = m.get("detection");
        if (det == null) {
            error("missing-detection", "a rule needs a 'detection' section", docStart);
            return null;
        }
        if (!(det instanceof YMap detMap)) {
            error("detection-not-mapping", "'detection' must be a mapping of search identifiers plus 'condition'",
                    at(det));
            return null;
        }
        DetectionParser dp = new DetectionParser(source, limits, diag, ruleName, ruleSetRoom);
        List<Detection> detections = new ArrayList<>();
        YMap.Entry condEntry = null;
        for (YMap.Entry e : detMap.entries()) {
            if (e.key().equals("condition")) {
                condEntry = e;
                continue;
            }
            if (e.key().equals("timeframe")) {
                error("timeframe-removed", "'timeframe' belonged to the aggregation syntax removed in Sigma 2.0; "
                        + "express the time window in a correlation rule's 'timespan'", keyAt(e));
                continue;
            }
            Detection d = dp.detection(e);
            if (d != null) {
                detections.add(d);
            }
        }
        if (detections.isEmpty() && !detMap.entries().stream().anyMatch(e -> !e.key().equals("condition")
                && !e.key().equals("timeframe"))) {
            error("no-search-identifier", "'detection' defines no search identifier", at(detMap));
        }
        if (condEntry == null) {
            error("missing-condition", "'detection' needs a 'condition'", at(detMap));
            return null;
        }
        List<ConditionEntry> conditions = conditions(condEntry);
        if (meta == null || ls == null || conditions == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (YMap.Entry e : detMap.entries()) {
            if (!e.key().equals("condition") && !e.key().equals("timeframe")) {
                names.add(e.key());
            }
        }
        checkReferences(conditions, names, detMap);
        return new SigmaRule(meta, ls, detections, conditions);
    }

    private List<ConditionEntry> conditions(YMap.Entry condEntry) {
        YNode c = condEntry.value();
        List<YScalar> texts = new ArrayList<>();
        if (c instanceof YScalar s && s.isString()) {
            texts.add(s);
        } else if (c instanceof YList l && l.size() > 0) {
            for (YNode n : l.items()) {
                if (n instanceof YScalar s && s.isString()) {
                    texts.add(s);
                } else {
                    error("condition-type", "every condition in a condition list must be a string", at(n));
                    return null;
                }
            }
        } else {
            error(c instanceof YScalar s && s.isNull() ? "condition-empty" : "condition-type",
                    "'condition' must be a non-empty string or a list of strings", at(c));
            return null;
        }
        List<ConditionEntry> out = new ArrayList<>();
        for (YScalar s : texts) {
            ConditionEntry ce = parseCondition(s, false);
            if (ce == null) {
                return null;
            }
            out.add(ce);
        }
        return out;
    }

    private ConditionEntry parseCondition(YScalar s, boolean correlation) {
        String text = s.text();
        try {
            ParsedCondition pc = correlation ? ConditionParser.parseCorrelationCondition(text, limits)
                    : ConditionParser.parse(text, limits);
            for (ParsedCondition.Warning w : pc.warnings()) {
                warn(w.code(), "condition '" + abbreviate(text) + "': " + w.message(), conditionAt(s, w.column()));
            }
            return new ConditionEntry(text, pc.expr(), conditionAt(s, 1));
        } catch (ConditionSyntaxException e) {
            error(e.code(), "condition '" + abbreviate(text) + "': " + e.getMessage()
                    + (e.column() > 0 ? " (column " + e.column() + " of the condition)" : ""),
                    conditionAt(s, e.column()));
            return null;
        }
    }

    /** Position in the file of a column of a condition string, when it can be known. */
    private SourceLocation conditionAt(YScalar s, int column) {
        if (column <= 0 || s.text().indexOf('\n') >= 0) {
            return at(s);
        }
        return new SourceLocation(source, s.line(), s.column() + (s.quoted() ? 1 : 0) + column - 1);
    }

    /** Undefined identifiers are errors; selectors that select nothing and unused identifiers are warnings. */
    private void checkReferences(List<ConditionEntry> conditions, List<String> names, YMap detMap) {
        Set<String> used = new LinkedHashSet<>();
        // Identifier references once selectors are expanded: a short condition over many identifiers can expand
        // quadratically, so this is bounded before anything is built from it.
        long[] terms = {0};
        for (ConditionEntry ce : conditions) {
            walk(ce.expr(), e -> {
                if (terms[0] > limits.maxConditionTerms()) {
                    return;
                }
                if (e instanceof ConditionExpr.Identifier id) {
                    terms[0]++;
                    if (!names.contains(id.name())) {
                        String hint = names.stream().filter(n -> n.equalsIgnoreCase(id.name())).findFirst()
                                .map(n -> " (identifiers are case-sensitive: did you mean '" + n + "'?)").orElse("");
                        error("undefined-identifier", "condition refers to '" + id.name()
                                + "', which is not defined in 'detection'" + hint, at(ce, id.column()));
                    }
                    used.add(id.name());
                } else if (e instanceof ConditionExpr.Selector sel) {
                    boolean any = false;
                    boolean underscore = sel.pattern() != null && sel.pattern().startsWith("_");
                    for (String n : names) {
                        if ((!n.startsWith("_") || underscore)
                                && (sel.pattern() == null || ConditionParser.patternMatches(sel.pattern(), n))) {
                            used.add(n);
                            any = true;
                            terms[0]++;
                        }
                    }
                    if (!any) {
                        warn("selector-matches-nothing", "'" + (sel.quantifier() == ConditionExpr.Quantifier.ALL
                                ? "all" : "1") + " of " + (sel.isThem() ? "them" : sel.pattern())
                                + "' selects no search identifier, so it is removed from the condition (pySigma "
                                + "semantics)", at(ce, sel.column()));
                    }
                    if (sel.isThem() && sel.quantifier() == ConditionExpr.Quantifier.ALL) {
                        warn("all-of-them", "'all of them' is discouraged: name the identifiers", ce.location());
                    }
                }
            });
            if (terms[0] > limits.maxConditionTerms()) {
                error("condition-too-large", "condition '" + abbreviate(ce.text()) + "' refers to more than "
                        + limits.maxConditionTerms() + " search identifiers once its selectors are expanded "
                        + "(Limits.withMaxConditionTerms)", ce.location());
                return;
            }
        }
        for (String n : names) {
            if (!used.contains(n)) {
                YMap.Entry e = detMap.entry(n);
                warn("unused-identifier", "search identifier '" + n + "' is not used by the condition", keyAt(e));
            }
        }
    }

    /** Position of a column of a parsed condition (whose location is its first character). */
    private static SourceLocation at(ConditionEntry ce, int column) {
        SourceLocation l = ce.location();
        if (column <= 0 || ce.text().indexOf('\n') >= 0) {
            return l;
        }
        return new SourceLocation(l.source(), l.line(), l.column() + column - 1);
    }

    static void walk(ConditionExpr e, java.util.function.Consumer<ConditionExpr> visit) {
        ArrayList<ConditionExpr> stack = new ArrayList<>();
        stack.add(e);
        while (!stack.isEmpty()) {
            ConditionExpr x = stack.remove(stack.size() - 1);
            visit.accept(x);
            if (x instanceof ConditionExpr.And a) {
                stack.addAll(a.operands());
            } else if (x instanceof ConditionExpr.Or o) {
                stack.addAll(o.operands());
            } else if (x instanceof ConditionExpr.Not n) {
                stack.add(n.operand());
            }
        }
    }

    // ---------------------------------------------------------------- filters

    SigmaFilter parseFilter(YMap m) {
        Set<String> keys = Set.of("title", "id", "name", "description", "author", "date", "modified", "taxonomy",
                "logsource", "filter", "references", "tags", "status", "level", "license", "related");
        RuleMeta meta = meta(m, keys, true);
        LogSource ls = logsource(m, true);
        YNode f = m.get("filter");
        if (!(f instanceof YMap fm)) {
            error("filter-not-mapping", "'filter' must be a mapping with 'rules', search identifiers and "
                    + "'condition'", at(f));
            return null;
        }
        if (m.containsKey("level") || m.containsKey("status")) {
            warn("filter-metadata", "filters have no 'level' or 'status'; they are ignored", docStart);
        }
        boolean any = false;
        List<String> refs = new ArrayList<>();
        YNode rules = fm.get("rules");
        if (rules == null) {
            error("filter-rules-missing", "'filter' needs 'rules': a list of rule ids or names, or 'any'", at(fm));
        } else if (rules instanceof YScalar s && s.isString()) {
            if (s.text().equalsIgnoreCase("any")) {
                any = true;
            } else {
                refs.add(s.text());
            }
        } else if (rules instanceof YList l) {
            for (YNode n : l.items()) {
                if (n instanceof YScalar s && s.isString()) {
                    refs.add(s.text());
                } else {
                    error("filter-rules-type", "'filter.rules' entries must be rule ids or names", at(n));
                }
            }
            any = refs.isEmpty();
        } else {
            error("filter-rules-type", "'filter.rules' must be a list of rule ids or names, or 'any'", at(rules));
        }
        YMap.Entry condEntry = fm.entry("condition");
        if (condEntry == null) {
            error("missing-condition", "'filter' needs a 'condition'", at(fm));
            return null;
        }
        if (!(condEntry.value() instanceof YScalar cs && cs.isString())) {
            error("condition-type", "a filter's 'condition' must be a single string", at(condEntry.value()));
            return null;
        }
        DetectionParser dp = new DetectionParser(source, limits, diag, ruleName, ruleSetRoom);
        List<Detection> detections = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YMap.Entry e : fm.entries()) {
            if (e.key().equals("rules") || e.key().equals("condition")) {
                continue;
            }
            names.add(e.key());
            Detection d = dp.detection(e);
            if (d != null) {
                detections.add(d);
            }
        }
        if (names.isEmpty()) {
            error("no-search-identifier", "'filter' defines no search identifier", at(fm));
        }
        ConditionEntry cond = parseCondition(cs, false);
        if (meta == null || ls == null || cond == null) {
            return null;
        }
        checkReferences(List.of(cond), names, fm);
        boolean hasNot = false;
        List<ConditionExpr> nodes = new ArrayList<>();
        walk(cond.expr(), nodes::add);
        for (ConditionExpr x : nodes) {
            hasNot |= x instanceof ConditionExpr.Not;
        }
        if (!hasNot) {
            warn("filter-without-not", "the filter condition '" + cond.text() + "' has no 'not', so it restricts the "
                    + "rules to events that match it instead of excluding them", cond.location());
        }
        return new SigmaFilter(meta, ls, any, refs, detections, cond);
    }

    // ---------------------------------------------------------------- correlations

    SigmaCorrelation parseCorrelation(YMap m) {
        Set<String> keys = Set.of("title", "id", "name", "status", "description", "author", "references", "date",
                "modified", "taxonomy", "falsepositives", "level", "tags", "correlation", "generate", "license",
                "related", "fields", "scope");
        RuleMeta meta = meta(m, keys, true);
        YNode cn = m.get("correlation");
        if (!(cn instanceof YMap c)) {
            error("correlation-not-mapping", "'correlation' must be a mapping with 'type', 'rules', 'timespan' ...",
                    at(cn));
            return null;
        }
        for (YMap.Entry e : c.entries()) {
            if (!Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate")
                    .contains(e.key())) {
                error("correlation-unknown-key", "unknown key '" + e.key() + "' in 'correlation'", keyAt(e));
            }
        }
        SigmaCorrelation.CorrelationType type = null;
        YNode tn = c.get("type");
        if (tn instanceof YScalar ts && ts.isString()) {
            type = SigmaCorrelation.CorrelationType.byName(ts.text());
            if (type == null) {
                error("correlation-type", "unknown correlation type '" + ts.text() + "'; use event_count, "
                        + "value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile or "
                        + "value_median", at(tn));
            } else if (type == SigmaCorrelation.CorrelationType.VALUE_MEDIAN) {
                warn("correlation-extension", "'value_median' is a pySigma extension, not part of Sigma 2.1", at(tn));
            }
        } else {
            error("correlation-type", "'correlation.type' is required", tn == null ? at(c) : at(tn));
        }
        List<String> refs = stringList(c.get("rules"), "correlation.rules", true);
        List<String> groupBy = stringList(c.get("group-by"), "correlation.group-by", true);
        if (c.get("group-by") == null) {
            warn("correlation-no-group-by", "no 'group-by': all events fall into one group", at(c));
        }
        Duration timespan = null;
        YNode tsn = c.get("timespan");
        if (tsn instanceof YScalar tss && tss.isString()) {
            Matcher mt = TIMESPAN.matcher(tss.text());
            if (!mt.matches()) {
                error("correlation-timespan", "invalid timespan '" + tss.text() + "': write a whole number and one "
                        + "unit, s, m, h or d (e.g. 90m)", at(tsn));
            } else {
                long n = Long.parseLong(mt.group(1));
                char u = mt.group(2).charAt(0);
                if (u == 'w' || u == 'M' || u == 'y') {
                    warn("correlation-timespan-unit", "timespan unit '" + u + "' is a pySigma extension; Sigma "
                            + "defines s, m, h and d", at(tsn));
                }
                long seconds = switch (u) {
                    case 's' -> 1;
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    case 'd' -> 86_400;
                    case 'w' -> 604_800;
                    case 'M' -> 2_629_746;
                    default -> 31_556_952;
                };
                timespan = Duration.ofSeconds(Math.multiplyExact(n, seconds));
            }
        } else {
            error("correlation-timespan", "'correlation.timespan' is required (e.g. 5m)",
                    tsn == null ? at(c) : at(tsn));
        }
        List<SigmaCorrelation.Threshold> thresholds = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Double percentile = null;
        ConditionExpr extended = null;
        YNode cond = c.get("condition");
        if (cond instanceof YScalar cs && cs.isString() && type != null && type.isTemporal()) {
            ConditionEntry ce = parseCondition(cs, true);
            if (ce != null) {
                extended = ce.expr();
                List<String> named = new ArrayList<>();
                walk(extended, e -> {
                    if (e instanceof ConditionExpr.Identifier id && !named.contains(id.name())) {
                        named.add(id.name());
                    }
                });
                if (c.get("rules") == null) {
                    refs = named;
                } else {
                    for (String n : named) {
                        if (!refs.contains(n)) {
                            error("correlation-condition-rule", "the condition names '" + n + "', which is not in "
                                    + "'rules'", at(cs));
                        }
                    }
                    for (String r : refs) {
                        if (!named.contains(r)) {
                            error("correlation-condition-rule", "rule '" + r + "' is in 'rules' but not used by the "
                                    + "condition", at(cs));
                        }
                    }
                }
            }
        } else if (cond instanceof YMap cm) {
            for (YMap.Entry e : cm.entries()) {
                String k = e.key();
                if (k.equals("field")) {
                    fields = stringList(e.value(), "correlation.condition.field", true);
                } else if (k.equals("percentile")) {
                    SigmaNumber p = number(e.value());
                    if (p == null || p.doubleValue() < 0 || p.doubleValue() > 100) {
                        error("correlation-condition", "'percentile' must be a number from 0 to 100", at(e.value()));
                    } else {
                        percentile = p.doubleValue();
                    }
                } else {
                    SigmaCorrelation.Op op = SigmaCorrelation.Op.byName(k);
                    SigmaNumber bound = number(e.value());
                    if (op == null || !k.equals(k.toLowerCase(Locale.ROOT))) {
                        error("correlation-condition", "unknown condition operator '" + k + "'; use gt, gte, lt, lte, "
                                + "eq or neq", keyAt(e));
                    } else if (bound == null) {
                        error("correlation-condition", "'" + k + "' needs a number", at(e.value()));
                    } else {
                        thresholds.add(new SigmaCorrelation.Threshold(op, bound));
                    }
                }
            }
            if (thresholds.isEmpty()) {
                error("correlation-condition", "the condition needs an operator (gt, gte, lt, lte, eq or neq)", at(cm));
            } else if (thresholds.size() > 1) {
                warn("correlation-range", "several operators in one condition form a range (all must hold); pySigma "
                        + "accepts only one", at(cm));
            }
        } else if (cond != null) {
            error("correlation-condition", "'correlation.condition' must be a mapping such as {gte: 10}"
                    + (type != null && type.isTemporal() ? " or a boolean expression over rule names" : ""), at(cond));
        } else if (type != null && !type.isTemporal()) {
            error("correlation-condition", "'" + type.yamlName() + "' needs a 'condition' such as {gte: 10}", at(c));
        }
        if (type != null) {
            if (type.needsField() && fields.isEmpty() && cond instanceof YMap) {
                error("correlation-field", "'" + type.yamlName() + "' needs 'condition.field'", at(cond));
            }
            if (!type.needsField() && !fields.isEmpty()) {
                warn("correlation-field", "'condition.field' is ignored by '" + type.yamlName() + "'", at(cond));
            }
            if (fields.size() > 1 && type != SigmaCorrelation.CorrelationType.VALUE_COUNT) {
                error("correlation-field", "only value_count accepts several fields", at(cond));
            }
            if (type == SigmaCorrelation.CorrelationType.VALUE_PERCENTILE && percentile == null) {
                error("correlation-percentile", "'value_percentile' needs 'condition.percentile'",
                        cond == null ? at(c) : at(cond));
            }
            if (type.isTemporal() && thresholds.isEmpty() && extended == null) {
                thresholds.add(new SigmaCorrelation.Threshold(SigmaCorrelation.Op.GTE, SigmaNumber.of(refs.size())));
            }
        }
        if (refs.isEmpty() && (c.get("rules") != null || extended == null)) {
            error("correlation-rules", "'correlation.rules' must name at least one rule", c.get("rules") == null
                    ? at(c) : at(c.get("rules")));
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        YNode an = c.get("aliases");
        if (an instanceof YMap am) {
            for (YMap.Entry e : am.entries()) {
                if (!(e.value() instanceof YMap per)) {
                    error("correlation-aliases", "alias '" + e.key() + "' must map rule names to field names",
                            at(e.value()));
                    continue;
                }
                Map<String, String> mapping = new LinkedHashMap<>();
                for (YMap.Entry pe : per.entries()) {
                    if (pe.value() instanceof YScalar ps && ps.isString()) {
                        mapping.put(pe.key(), ps.text());
                    } else {
                        error("correlation-aliases", "alias '" + e.key() + "' must map '" + pe.key()
                                + "' to a field name", at(pe.value()));
                    }
                }
                aliases.put(e.key(), mapping);
            }
        } else if (an != null) {
            error("correlation-aliases", "'correlation.aliases' must be a mapping", at(an));
        }
        Boolean generate = bool(m.get("generate"), "generate");
        Boolean generateInner = bool(c.get("generate"), "correlation.generate");
        if (generate != null && generateInner != null && !generate.equals(generateInner)) {
            error("correlation-generate", "'generate' is set both at the top level and in 'correlation', with "
                    + "different values", at(c.get("generate")));
        }
        if (meta == null || type == null || timespan == null) {
            return null;
        }
        return new SigmaCorrelation(meta, type, refs, groupBy, timespan, thresholds, fields, percentile, extended,
                aliases, Boolean.TRUE.equals(generate != null ? generate : generateInner));
    }

    private SigmaNumber number(YNode n) {
        if (n instanceof YScalar s) {
            if (s.type() == YScalar.Type.INT) {
                return SigmaNumber.of((Number) s.value());
            }
            if (s.type() == YScalar.Type.FLOAT) {
                return SigmaNumber.of((Number) s.value());
            }
        }
        return null;
    }

    private Boolean bool(YNode n, String what) {
        if (n == null) {
            return null;
        }
        if (n instanceof YScalar s && s.type() == YScalar.Type.BOOL) {
            return (Boolean) s.value();
        }
        error("field-type", "'" + what + "' must be true or false", at(n));
        return null;
    }

    // ---------------------------------------------------------------- shared metadata

    private RuleMeta meta(YMap m, Set<String> knownKeys, boolean titleRequired) {
        int mark = diag.size();
        String title = null;
        YNode tn = m.get("title");
        if (tn == null) {
            if (titleRequired) {
                error("missing-title", "a rule needs a 'title'", docStart);
            }
        } else if (tn instanceof YScalar ts && ts.isString()) {
            title = ts.text();
            if (title.length() > 256) {
                error("title-too-long", "the title is " + title.length() + " characters long; at most 256 are "
                        + "allowed", at(tn));
            } else if (title.isBlank()) {
                error("missing-title", "the title is empty", at(tn));
            }
        } else {
            error("field-type", "'title' must be a string", at(tn));
        }
        String id = null;
        YNode idn = m.get("id");
        if (idn != null) {
            if (idn instanceof YScalar is && is.isString()) {
                id = is.text();
                if (!isUuid(id)) {
                    error("invalid-id", "'id' must be a UUID (e.g. 929a690e-bef0-4204-a928-ef5e620d6fcc), got '"
                            + id + "'", at(idn));
                } else if (!CANONICAL_UUID.matcher(id).matches()) {
                    warn("id-not-canonical", "'id' is a UUID but not in the canonical 8-4-4-4-12 form", at(idn));
                }
            } else {
                error("invalid-id", "'id' must be a UUID string", at(idn));
            }
        }
        String name = optString(m, "name");
        if (name != null && name.isEmpty()) {
            error("field-type", "'name' must not be empty", at(m.get("name")));
        }
        ruleName = id != null ? id : name != null ? name : title;
        Status status = null;
        YNode sn = m.get("status");
        if (sn != null) {
            if (sn instanceof YScalar ss && ss.isString()) {
                status = Status.parse(ss.text()).orElse(null);
                if (status == null) {
                    error("invalid-status", "unknown status '" + ss.text() + "'; use stable, test, experimental, "
                            + "deprecated or unsupported", at(sn));
                } else if (!ss.text().equals(status.yamlName())) {
                    warn("status-case", "write the status in lowercase: '" + status.yamlName() + "'", at(sn));
                }
            } else {
                error("invalid-status", "'status' must be a string", at(sn));
            }
        }
        Level level = null;
        YNode ln = m.get("level");
        if (ln != null) {
            if (ln instanceof YScalar lsn && lsn.isString()) {
                level = Level.parse(lsn.text()).orElse(null);
                if (level == null) {
                    error("invalid-level", "unknown level '" + lsn.text() + "'; use informational, low, medium, "
                            + "high or critical", at(ln));
                } else if (!lsn.text().equals(level.yamlName())) {
                    warn("level-case", "write the level in lowercase: '" + level.yamlName() + "'", at(ln));
                }
            } else {
                error("invalid-level", "'level' must be a string", at(ln));
            }
        }
        String description = optString(m, "description");
        if (description != null && description.length() > 65_535) {
            warn("description-too-long", "the description is longer than 65,535 characters", at(m.get("description")));
        }
        String author = optString(m, "author");
        optString(m, "license");
        optString(m, "taxonomy");
        List<String> references = stringList(m.get("references"), "references", false);
        List<String> falsePositives = stringList(m.get("falsepositives"), "falsepositives", true);
        List<String> fields = stringList(m.get("fields"), "fields", false);
        stringList(m.get("scope"), "scope", false);
        List<String> tags = stringList(m.get("tags"), "tags", false);
        YNode tagsNode = m.get("tags");
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            SourceLocation tl = tagsNode instanceof YList tlist && i < tlist.size() ? at(tlist.get(i)) : at(tagsNode);
            if (t.indexOf('.') <= 0) {
                error("invalid-tag", "tag '" + t + "' has no namespace; write it as namespace.name (e.g. "
                        + "attack.persistence)", tl);
            } else if (!TAG.matcher(t).matches()) {
                warn("tag-format", "tag '" + t + "' does not follow the lowercase namespace.name format", tl);
            }
        }
        if (new LinkedHashSet<>(references).size() < references.size()) {
            warn("duplicate-reference", "'references' lists the same reference more than once", at(m.get("references")));
        }
        date(m, "date");
        date(m, "modified");
        related(m.get("related"));
        Map<String, String> custom = new LinkedHashMap<>();
        for (YMap.Entry e : m.entries()) {
            if (knownKeys.contains(e.key())) {
                continue;
            }
            String fix = MISSPELLINGS.get(e.key());
            if (fix != null) {
                warn("misspelled-key", "unknown key '" + e.key() + "': did you mean '" + fix + "'?", keyAt(e));
            }
            if (e.value() instanceof YScalar s && !s.isNull()) {
                custom.put(e.key(), s.text());
            }
        }
        if (diag.hasErrorsSince(mark) || title == null) {
            return null;
        }
        return new RuleMeta(id, name, title, status, level, description, author, tags, references, falsePositives,
                fields, custom, docStart);
    }

    private void related(YNode n) {
        if (n == null) {
            return;
        }
        if (!(n instanceof YList l)) {
            error("invalid-related", "'related' must be a list of {id, type} entries", at(n));
            return;
        }
        for (YNode item : l.items()) {
            if (!(item instanceof YMap rm)) {
                error("invalid-related", "each 'related' entry must be a mapping with 'id' and 'type'", at(item));
                continue;
            }
            YNode rid = rm.get("id");
            YNode rt = rm.get("type");
            if (!(rid instanceof YScalar ris && ris.isString() && isUuid(ris.text()))) {
                error("invalid-related", "a 'related' entry needs an 'id' that is a UUID", at(rid == null ? rm : rid));
            }
            if (!(rt instanceof YScalar rts && rts.isString())) {
                error("invalid-related", "a 'related' entry needs a 'type'", at(rt == null ? rm : rt));
            } else if (rts.text().equalsIgnoreCase("obsoletes")) {
                warn("related-obsoletes", "'obsoletes' was renamed 'obsolete' in Sigma 2.0", at(rt));
            } else if (!RELATED_TYPES.contains(rts.text().toLowerCase(Locale.ROOT))) {
                error("invalid-related", "unknown 'related' type '" + rts.text() + "'; use derived, obsolete, merged, "
                        + "renamed or similar", at(rt));
            }
        }
    }

    private void date(YMap m, String key) {
        YNode n = m.get(key);
        if (n == null) {
            return;
        }
        if (n instanceof YScalar s && (s.isString() || s.type() == YScalar.Type.TIMESTAMP)) {
            String t = s.text();
            Matcher iso = DATE.matcher(t);
            Matcher legacy = LEGACY_DATE.matcher(t);
            boolean isIso = iso.matches();
            if (isIso || legacy.matches()) {
                Matcher g = isIso ? iso : legacy;
                try {
                    int year = Integer.parseInt(g.group(1));
                    LocalDate.of(year, Integer.parseInt(g.group(2)), Integer.parseInt(g.group(3)));
                    if (year < 1000 || year > 3999) {
                        throw new DateTimeException("year out of range");
                    }
                    if (!isIso) {
                        warn("date-format", "'" + key + "' uses the YYYY/MM/DD form dropped in Sigma 2.0; write "
                                + "YYYY-MM-DD", at(n));
                    }
                    return;
                } catch (DateTimeException | NumberFormatException e) {
                    // reported below
                }
            }
            error("invalid-date", "'" + key + "' must be a date written YYYY-MM-DD, got '" + t + "'", at(n));
            return;
        }
        error("invalid-date", "'" + key + "' must be a date written YYYY-MM-DD", at(n));
    }

    private LogSource logsource(YMap m, boolean required) {
        YNode n = m.get("logsource");
        if (n == null) {
            if (required) {
                error("missing-logsource", "a rule needs a 'logsource' with category, product and/or service",
                        docStart);
            }
            return null;
        }
        if (!(n instanceof YMap lm)) {
            error("logsource-type", "'logsource' must be a mapping (category, product, service, definition)", at(n));
            return null;
        }
        String category = null;
        String product = null;
        String service = null;
        Map<String, String> other = new LinkedHashMap<>();
        boolean ok = true;
        for (YMap.Entry e : lm.entries()) {
            if (!(e.value() instanceof YScalar s) || s.isNull()) {
                error("logsource-type", "logsource '" + e.key() + "' must be a string", at(e.value()));
                ok = false;
                continue;
            }
            if (!s.isString()) {
                error("logsource-type", "logsource '" + e.key() + "' must be a string; quote it", at(e.value()));
                ok = false;
                continue;
            }
            switch (e.key()) {
                case "category" -> category = s.text();
                case "product" -> product = s.text();
                case "service" -> service = s.text();
                default -> {
                    other.put(e.key(), s.text());
                    if (!e.key().equals("definition")) {
                        warn("logsource-key", "unknown logsource key '" + e.key() + "'", keyAt(e));
                    }
                }
            }
        }
        if (category == null && product == null && service == null) {
            error("logsource-empty", "'logsource' needs at least one of category, product and service", at(lm));
            return null;
        }
        return ok ? new LogSource(category, product, service, other) : null;
    }

    private String optString(YMap m, String key) {
        YNode n = m.get(key);
        if (n == null || (n instanceof YScalar s && s.isNull())) {
            return null;
        }
        if (n instanceof YScalar s && s.isString()) {
            return s.text();
        }
        error("field-type", "'" + key + "' must be a string", at(n));
        return null;
    }

    /** A list of strings; a single string is accepted where {@code scalarOk}. */
    private List<String> stringList(YNode n, String what, boolean scalarOk) {
        List<String> out = new ArrayList<>();
        if (n == null || (n instanceof YScalar s0 && s0.isNull())) {
            return out;
        }
        if (n instanceof YScalar s) {
            if (scalarOk && s.isString()) {
                out.add(s.text());
            } else {
                error("field-type", "'" + what + "' must be a list" + (scalarOk ? " or a string" : ""), at(n));
            }
            return out;
        }
        if (!(n instanceof YList l)) {
            error("field-type", "'" + what + "' must be a list", at(n));
            return out;
        }
        for (YNode item : l.items()) {
            if (item instanceof YScalar s && !s.isNull() && s.type() != YScalar.Type.TIMESTAMP) {
                out.add(s.text());
            } else {
                error("field-type", "'" + what + "' entries must be strings", at(item));
            }
        }
        return out;
    }

    private static boolean isUuid(String s) {
        String t = s.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            t = t.substring(9);
        }
        t = t.replace("-", "");
        if (t.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private SourceLocation at(YNode n) {
        return n == null ? docStart : new SourceLocation(source, n.line(), n.column());
    }

    private SourceLocation keyAt(YMap.Entry e) {
        return new SourceLocation(source, e.keyLine(), e.keyColumn());
    }

    private void error(String code, String message, SourceLocation at) {
        diag.error(code, message, at, ruleName);
    }

    private void warn(String code, String message, SourceLocation at) {
        diag.warn(code, message, at, ruleName);
    }
}
