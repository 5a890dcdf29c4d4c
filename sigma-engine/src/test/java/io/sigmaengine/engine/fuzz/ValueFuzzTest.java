package io.sigmaengine.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.match.ValueTest;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.Modifier;
import io.sigmaengine.engine.model.ModifierChain;
import io.sigmaengine.engine.model.RawValue;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.pipeline.PipelineException;
import io.sigmaengine.engine.pipeline.Placeholders;

import java.util.ArrayList;
import java.util.List;

/**
 * Values and wildcards: any text parses into a Sigma string that prints back to itself, and any modifier chain over
 * any values (placeholders substituted) either fails with {@link ModelException} or {@link PipelineException}, or
 * gives values that compare against any scalar.
 */
class ValueFuzzTest {

    private static final Modifier[] MODIFIERS = Modifier.values();
    private static final List<String> PLACEHOLDER_VALUES = List.of("a*", "?\\b", "1");
    /** Small limits, so that the limit paths are reached with small inputs too. */
    private static final Limits LIMITS = Limits.defaults().withMaxValueVariants(64).withMaxValuesPerRule(200)
            .withMaxEncodedValueLength(256).withMaxRegexLength(256);

    @FuzzTest(maxDuration = FuzzSupport.LONG_RUN)
    void value(FuzzedDataProvider data) {
        String text = data.consumeString(200);
        SigmaString parsed = SigmaString.parse(text);
        if (!SigmaString.parse(parsed.toRuleText()).equals(parsed)) {
            throw new AssertionError("'" + text + "' does not print back: '" + parsed.toRuleText() + "'");
        }
        List<Modifier> modifiers = new ArrayList<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            modifiers.add(data.pickValue(MODIFIERS));
        }
        List<RawValue> raws = new ArrayList<>();
        for (int i = data.consumeInt(1, 3); i > 0; i--) {
            raws.add(switch (data.consumeInt(0, 4)) {
                case 0 -> RawValue.number(SigmaNumber.of(data.consumeLong()));
                case 1 -> RawValue.bool(data.consumeBoolean());
                case 2 -> RawValue.nullValue();
                case 3 -> RawValue.string(data.consumeString(40));
                default -> RawValue.string(text);
            });
        }
        boolean keyword = data.consumeBoolean();
        Object[] scalars = {data.consumeString(100), data.consumeLong(), data.consumeDouble(), data.consumeBoolean(),
                "", "127.0.0.1", "2024-05-06T07:08:09Z", 1_714_979_289_000L};
        try {
            ModifierChain.Result r = ModifierChain.apply(keyword ? null : "f", modifiers, raws, LIMITS);
            for (SigmaValue value : r.values()) {
                // As the engine does before preparing values: substitute placeholders, or reject the rule.
                SigmaValue v = Placeholders.substitute(value, n -> true, n -> PLACEHOLDER_VALUES, LIMITS);
                if (hasPlaceholders(v)) {
                    continue;
                }
                ValueTest test = ValueTest.of(v, keyword, LIMITS.maxRegexLength());
                test.describe();
                for (Object s : scalars) {
                    test.testScalar(s, field -> s);
                    test.testField(s, field -> Event.MISSING);
                }
                test.testField(Event.MISSING, field -> Event.MISSING);
                test.testField(null, field -> null);
                test.testField(List.of(scalars), field -> List.of());
            }
        } catch (ModelException | PipelineException expected) {
            if (expected.getMessage() == null) {
                throw new AssertionError("an error without a message", expected);
            }
        }
    }

    private static boolean hasPlaceholders(SigmaValue v) {
        if (v instanceof SigmaValue.Expansion e) {
            return e.alternatives().stream().anyMatch(ValueFuzzTest::hasPlaceholders);
        }
        return v instanceof SigmaValue.Str s && s.string().hasPlaceholders();
    }
}
