package io.sigmaengine.engine.load;

import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaFilter;
import io.sigmaengine.engine.model.SigmaRule;

import java.util.ArrayList;
import java.util.List;

/** What loading a set of rule files produced: valid documents, plus the number of rejected ones. */
public final class LoadedRules {

    private final List<SigmaRule> rules = new ArrayList<>();
    private final List<SigmaFilter> filters = new ArrayList<>();
    private final List<SigmaCorrelation> correlations = new ArrayList<>();
    private int rejected;

    public List<SigmaRule> rules() {
        return rules;
    }

    public List<SigmaFilter> filters() {
        return filters;
    }

    public List<SigmaCorrelation> correlations() {
        return correlations;
    }

    /** Rule documents (detection, filter, correlation) that were rejected. */
    public int rejected() {
        return rejected;
    }

    void reject() {
        rejected++;
    }

    /** Appends everything {@code other} loaded, after what this holds. */
    public void addAll(LoadedRules other) {
        rules.addAll(other.rules);
        filters.addAll(other.filters);
        correlations.addAll(other.correlations);
        rejected += other.rejected;
    }
}
