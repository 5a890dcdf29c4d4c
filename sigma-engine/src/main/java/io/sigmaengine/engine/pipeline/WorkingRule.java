package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule while pipelines run over it: the current (immutable) detection or correlation rule, plus what pySigma
 * tracks while processing one rule: which processing items were applied to the rule, to each detection item and
 * to each field name ({@code processing_item_applied} conditions), which fields were mapped
 * ({@code strict_field_mapping_failure}) and the pipeline state ({@code set_state}, {@code processing_state}).
 * One instance serves every pipeline of a run, as pySigma combines pipelines into one before applying them.
 */
public final class WorkingRule {

    private SigmaRule rule;
    private SigmaCorrelation correlation;
    private final List<LogSource> referencedLogSources;
    private final Set<String> appliedToRule = new HashSet<>();
    private final Map<DetectionItem, Set<String>> appliedToItem = new IdentityHashMap<>();
    private final Map<String, Set<String>> appliedToField = new HashMap<>();
    private final Set<String> mappedFields = new HashSet<>();
    private final Map<DetectionItem, String> unavailable = new IdentityHashMap<>();
    private final Map<String, Object> state = new HashMap<>();
    private int conditionCounter;

    private WorkingRule(SigmaRule rule, SigmaCorrelation correlation, List<LogSource> referencedLogSources) {
        this.rule = rule;
        this.correlation = correlation;
        this.referencedLogSources = List.copyOf(referencedLogSources);
    }

    public static WorkingRule of(SigmaRule rule) {
        return new WorkingRule(rule, null, List.of());
    }

    /**
     * @param referencedLogSources the log sources of the rules the correlation refers to (directly or through
     *                             other correlations), which {@code logsource} conditions test
     */
    public static WorkingRule of(SigmaCorrelation correlation, List<LogSource> referencedLogSources) {
        return new WorkingRule(null, correlation, referencedLogSources);
    }

    public boolean isCorrelation() {
        return correlation != null;
    }

    /** The detection rule; {@code null} for a correlation. */
    public SigmaRule rule() {
        return rule;
    }

    public void setRule(SigmaRule rule) {
        this.rule = rule;
    }

    /** The correlation rule; {@code null} for a detection rule. */
    public SigmaCorrelation correlation() {
        return correlation;
    }

    public void setCorrelation(SigmaCorrelation correlation) {
        this.correlation = correlation;
    }

    public RuleMeta meta() {
        return rule != null ? rule.meta() : correlation.meta();
    }

    /** pySigma's {@code logsource} condition: a correlation is covered if any referenced rule is. */
    public boolean logSourceCoveredBy(LogSource condition) {
        if (rule != null) {
            return condition.covers(rule.logsource());
        }
        for (LogSource ls : referencedLogSources) {
            if (condition.covers(ls)) {
                return true;
            }
        }
        return false;
    }

    public Map<String, Object> state() {
        return state;
    }

    /** Records that a processing item was applied to the rule (its rule conditions held). */
    public void markApplied(String itemId) {
        if (itemId != null) {
            appliedToRule.add(itemId);
        }
    }

    public boolean wasApplied(String itemId) {
        return appliedToRule.contains(itemId);
    }

    public boolean wasAppliedTo(DetectionItem item, String itemId) {
        Set<String> s = appliedToItem.get(item);
        return s != null && s.contains(itemId);
    }

    /**
     * pySigma's field-name tracking: {@code from} was renamed to {@code to} by {@code itemId}. The names it maps
     * to inherit the items that had processed {@code from}.
     */
    public void trackField(String from, List<String> to, String itemId) {
        if (to.size() == 1 && to.get(0).equals(from)) {
            return;
        }
        Set<String> ids = appliedToField.getOrDefault(from, new HashSet<>());
        if (itemId != null) {
            ids.add(itemId);
        }
        appliedToField.remove(from);
        for (String f : to) {
            appliedToField.put(f, new HashSet<>(ids));
        }
    }

    public boolean fieldProcessedBy(String field, String itemId) {
        Set<String> s = field == null ? null : appliedToField.get(field);
        return s != null && s.contains(itemId);
    }

    /** Records a detection-item field mapping, for {@code strict_field_mapping_failure}. */
    public void recordMapping(String from, List<String> to) {
        if (from != null) {
            mappedFields.add(from);
        }
        mappedFields.addAll(to);
    }

    /** Whether a field name was the source or the target of a field mapping. */
    public boolean isMapped(String field) {
        return mappedFields.contains(field);
    }

    /**
     * Records that the detection items the processing item selects name a field the target events never have
     * ({@code field_unavailable}); {@code reason} says why. The mark follows the items through later rewrites.
     */
    public void markUnavailable(ProcessingItem by, String reason) {
        for (DetectionItem i : items()) {
            if (by.matchesItem(this, i)) {
                unavailable.putIfAbsent(i, reason);
            }
        }
    }

    /** The reason a detection item's field is unavailable, or {@code null}. */
    public String unavailable(DetectionItem item) {
        return unavailable.get(item);
    }

    public boolean hasUnavailable() {
        return !unavailable.isEmpty();
    }

    /** A fresh detection name for {@code add_condition}, starting with {@code _} so patterns skip it. */
    public String newConditionName() {
        String name;
        do {
            name = "_cond" + (++conditionCounter);
        } while (rule.detection(name) != null);
        return name;
    }

    /** Replaces one detection item. */
    @FunctionalInterface
    public interface ItemRewriter {
        /** @return the replacement (an item or an AND/OR of items), or {@code null} to leave the item as it is */
        DetectionNode rewrite(DetectionItem item) throws PipelineException;
    }

    private static final DetectionNode DROPPED = new DetectionNode.AnyOf(List.of());

    /**
     * Applies a rewriter to every detection item the processing item selects (its detection-item and field-name
     * conditions). Replacements are tracked as processed by the item, keeping what the replaced item had. Does
     * nothing for a correlation, which has no detection items.
     */
    public void rewriteItems(ProcessingItem by, ItemRewriter rewriter) throws PipelineException {
        edit(by, rewriter);
    }

    /** Removes the detection items the processing item selects; detections left empty are removed. */
    public void dropItems(ProcessingItem by) throws PipelineException {
        edit(by, di -> DROPPED);
    }

    private void edit(ProcessingItem by, ItemRewriter rewriter) throws PipelineException {
        if (rule == null) {
            return;
        }
        boolean changed = false;
        List<Detection> out = new ArrayList<>();
        for (Detection d : rule.detections()) {
            DetectionNode body = editNode(d.body(), by, rewriter);
            if (body != d.body()) {
                changed = true;
            }
            if (body != null) {
                out.add(body == d.body() ? d : d.withBody(body));
            }
        }
        if (changed) {
            rule = rule.withDetections(out);
        }
    }

    /** @return the node, a replacement, or {@code null} if nothing is left of it */
    private DetectionNode editNode(DetectionNode n, ProcessingItem by, ItemRewriter rewriter)
            throws PipelineException {
        if (n instanceof DetectionNode.Item it) {
            if (!by.matchesItem(this, it.item())) {
                return n;
            }
            DetectionNode r = rewriter.rewrite(it.item());
            if (r == null) {
                return n;
            }
            if (r == DROPPED) {
                return null;
            }
            track(it.item(), r, by.id());
            return r;
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> children = all ? ((DetectionNode.AllOf) n).children()
                : ((DetectionNode.AnyOf) n).children();
        List<DetectionNode> out = new ArrayList<>(children.size());
        boolean changed = false;
        for (DetectionNode c : children) {
            DetectionNode r = editNode(c, by, rewriter);
            changed |= r != c;
            if (r != null) {
                out.add(r);
            }
        }
        if (!changed) {
            return n;
        }
        if (out.isEmpty()) {
            return null;
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        return all ? new DetectionNode.AllOf(out) : new DetectionNode.AnyOf(out);
    }

    private void track(DetectionItem from, DetectionNode to, String itemId) {
        Set<String> prev = appliedToItem.getOrDefault(from, Set.of());
        List<DetectionItem> targets = new ArrayList<>();
        collect(to, targets);
        for (DetectionItem t : targets) {
            if (unavailable.containsKey(from)) {
                unavailable.put(t, unavailable.get(from));
            }
            Set<String> s = appliedToItem.computeIfAbsent(t, k -> new HashSet<>());
            s.addAll(prev);
            if (itemId != null) {
                s.add(itemId);
            }
        }
    }

    /** Records that a detection item added by a transformation was processed by {@code itemId}. */
    void trackNew(DetectionNode added, String itemId) {
        if (itemId == null) {
            return;
        }
        List<DetectionItem> items = new ArrayList<>();
        collect(added, items);
        for (DetectionItem i : items) {
            appliedToItem.computeIfAbsent(i, k -> new HashSet<>()).add(itemId);
        }
    }

    private static void collect(DetectionNode n, List<DetectionItem> out) {
        if (n instanceof DetectionNode.Item it) {
            out.add(it.item());
        } else if (n instanceof DetectionNode.AllOf a) {
            a.children().forEach(c -> collect(c, out));
        } else {
            ((DetectionNode.AnyOf) n).children().forEach(c -> collect(c, out));
        }
    }

    /** Every detection item of the rule, in document order (none for a correlation). */
    public List<DetectionItem> items() {
        List<DetectionItem> out = new ArrayList<>();
        if (rule != null) {
            for (Detection d : rule.detections()) {
                collect(d.body(), out);
            }
        }
        return out;
    }
}
