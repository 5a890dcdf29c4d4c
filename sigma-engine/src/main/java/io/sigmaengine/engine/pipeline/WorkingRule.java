package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.SigmaRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule while pipelines run over it: the current (immutable) rule plus pySigma's processing-item tracking for the
 * rule and for each detection item, and the pipeline state ({@code processing_state} conditions).
 */
public final class WorkingRule {

    private SigmaRule rule;
    private final Set<String> appliedToRule = new HashSet<>();
    private final Map<DetectionItem, Set<String>> appliedToItem = new IdentityHashMap<>();
    private final Map<String, Object> state = new HashMap<>();
    private int conditionCounter;

    public WorkingRule(SigmaRule rule) {
        this.rule = rule;
    }

    public SigmaRule rule() {
        return rule;
    }

    public void setRule(SigmaRule rule) {
        this.rule = rule;
    }

    public Map<String, Object> state() {
        return state;
    }

    /** Records that a processing item changed the rule. */
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

    /** A fresh detection name for {@code add_condition}, starting with {@code _} so patterns skip it. */
    public String newConditionName() {
        String name;
        do {
            name = "_cond" + (++conditionCounter);
        } while (rule.detection(name) != null);
        return name;
    }

    /** Rewrites detection items, keeping the tracking of each replaced item and adding {@code itemId}. */
    public interface ItemRewriter {
        /**
         * @return the replacement: the item itself (unchanged), another node, or {@code null} to drop the item
         */
        DetectionNode rewrite(DetectionItem item) throws PipelineException;
    }

    /**
     * Applies a rewriter to every detection item of the rule. Items whose replacement differs from the original
     * are tracked as changed by {@code itemId}. Detections left empty are removed (and later disappear from the
     * condition, as pySigma does).
     *
     * @return whether anything changed
     */
    public boolean rewriteItems(String itemId, ItemRewriter rewriter) throws PipelineException {
        boolean[] changed = {false};
        List<Detection> out = new ArrayList<>();
        for (Detection d : rule.detections()) {
            DetectionNode body = rewriteNode(d.body(), itemId, rewriter, changed);
            if (body != null) {
                out.add(d.withBody(body));
            } else {
                changed[0] = true;
            }
        }
        if (changed[0]) {
            rule = rule.withDetections(out);
            markApplied(itemId);
        }
        return changed[0];
    }

    private DetectionNode rewriteNode(DetectionNode n, String itemId, ItemRewriter rw, boolean[] changed)
            throws PipelineException {
        if (n instanceof DetectionNode.Item it) {
            DetectionNode r = rw.rewrite(it.item());
            if (r instanceof DetectionNode.Item ri && ri.item() == it.item()) {
                return n;
            }
            changed[0] = true;
            if (r != null) {
                track(it.item(), r, itemId);
            }
            return r;
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> children = all ? ((DetectionNode.AllOf) n).children()
                : ((DetectionNode.AnyOf) n).children();
        List<DetectionNode> out = new ArrayList<>(children.size());
        boolean local = false;
        for (DetectionNode c : children) {
            DetectionNode r = rewriteNode(c, itemId, rw, changed);
            local |= r != c;
            if (r != null) {
                out.add(r);
            }
        }
        if (!local) {
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
            Set<String> s = appliedToItem.computeIfAbsent(t, k -> new HashSet<>());
            s.addAll(prev);
            if (itemId != null) {
                s.add(itemId);
            }
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

    /** Every detection item of the rule, in document order. */
    public List<DetectionItem> items() {
        List<DetectionItem> out = new ArrayList<>();
        for (Detection d : rule.detections()) {
            collect(d.body(), out);
        }
        return out;
    }
}
