package io.sigmaengine.engine;

import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;

/** Test access to a built rule set's matcher, for tests outside this package. */
public final class EngineInternals {

    private EngineInternals() {
    }

    /** The matcher the rule set evaluates with: today the reference evaluator, later the compiled program. */
    public static RuleMatcher matcher(RuleSet rs) {
        return ((RuleSetImpl) rs).matcher();
    }

    /** A reference evaluator over the same evaluated rules, in the same order. */
    public static RuleMatcher reference(RuleSet rs) {
        return ReferenceEvaluator.of(((RuleSetImpl) rs).evaluatedRules());
    }

    /** The identity of the evaluated rule at this index. */
    public static String identity(RuleSet rs, int ruleIndex) {
        return ((RuleSetImpl) rs).evaluatedRules().get(ruleIndex).rule().info().identity();
    }

    /** Whether the evaluated rule at this index produces stand-alone matches. */
    public static boolean emits(RuleSet rs, int ruleIndex) {
        return ((RuleSetImpl) rs).emits(ruleIndex);
    }
}
