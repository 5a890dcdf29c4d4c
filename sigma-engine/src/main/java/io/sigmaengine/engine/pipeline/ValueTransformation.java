package io.sigmaengine.engine.pipeline;

import com.google.re2j.Pattern;
import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.ModifierChain;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformations that rewrite the values of the selected detection items one by one (pySigma's
 * {@code ValueTransformation}): {@code replace_string}, {@code map_string}, {@code set_value},
 * {@code convert_type}, {@code value_placeholders}, {@code wildcard_placeholders}. A value may become several
 * values (ORed like the item's other values). Values a transformation does not handle stay as they are.
 *
 * <p>One deliberate difference: pySigma leaves the alternatives of an expanded value ({@code windash},
 * {@code base64offset}, placeholder values) to the type checks of each transformation, and string transformations
 * skip them. Here the string transformations and {@code convert_type} apply inside the alternatives too, because
 * an expanded value is still the rule's string in several spellings.
 */
final class ValueTransformation implements Transformation {

    /** Rewrites one value. */
    @FunctionalInterface
    interface ValueFunction {
        /** @return the replacement values, or {@code null} to keep the value */
        List<SigmaValue> apply(SigmaValue value, Map<String, List<String>> vars) throws PipelineException;
    }

    private final ValueFunction function;

    private ValueTransformation(ValueFunction function) {
        this.function = function;
    }

    @Override
    public void apply(ProcessingItem item, WorkingRule rule, Map<String, List<String>> vars)
            throws PipelineException {
        rule.rewriteItems(item, di -> {
            List<SigmaValue> out = new ArrayList<>();
            boolean changed = false;
            for (SigmaValue v : di.values()) {
                List<SigmaValue> r = function.apply(v, vars);
                changed |= r != null;
                out.addAll(r != null ? r : List.of(v));
            }
            if (!changed) {
                return null;
            }
            if (out.isEmpty()) {
                throw new PipelineException("pipeline-no-values", "'" + item.type() + "' left '" + di.key()
                        + "' without values");
            }
            return new DetectionNode.Item(di.withValues(out));
        });
    }

    /** Applies {@code f} to a value, or to each alternative of an expanded value. */
    private static ValueTransformation perAlternative(ValueFunction f) {
        return new ValueTransformation((v, vars) -> {
            if (!(v instanceof SigmaValue.Expansion e)) {
                return f.apply(v, vars);
            }
            List<SigmaValue> alts = new ArrayList<>();
            boolean changed = false;
            for (SigmaValue a : e.alternatives()) {
                List<SigmaValue> r = f.apply(a, vars);
                changed |= r != null;
                alts.addAll(r != null ? r : List.of(a));
            }
            return changed ? List.of(new SigmaValue.Expansion(alts)) : null;
        });
    }

    /**
     * {@code replace_string}: a regex substitution on string values (numbers become strings first). By default on
     * the rule-text form of the value (wildcards as {@code *}/{@code ?}, literal ones escaped) whose result is parsed
     * again, so a replacement may add wildcards; placeholders survive. With {@code skipSpecial} only the literal
     * parts are rewritten, and {@code interpretSpecial} decides whether wildcards in their replacement count.
     */
    static ValueTransformation replaceString(Pattern regex, PipelineRegex.Replacement replacement,
                                             boolean skipSpecial, boolean interpretSpecial) {
        return perAlternative((v, vars) -> {
            SigmaValue.Str s;
            if (v instanceof SigmaValue.Num n) {
                s = new SigmaValue.Str(SigmaString.literal(n.number().toString()), false);
            } else if (v instanceof SigmaValue.Str str) {
                s = str;
            } else {
                return null;
            }
            SigmaString in = s.string();
            SigmaString out;
            if (skipSpecial) {
                List<SigmaString.Token> tokens = new ArrayList<>();
                for (SigmaString.Token t : in.tokens()) {
                    if (t instanceof SigmaString.Literal l) {
                        String r = replacement.replaceAll(regex, l.text());
                        tokens.addAll(interpretSpecial ? SigmaString.parse(r).tokens()
                                : List.of(new SigmaString.Literal(r)));
                    } else {
                        tokens.add(t);
                    }
                }
                out = SigmaString.of(tokens);
            } else {
                out = SigmaString.parse(replacement.replaceAll(regex, in.toRuleText()));
                if (in.hasPlaceholders()) {
                    out = ModifierChain.insertPlaceholders(out);
                }
            }
            return List.of(s.withString(out));
        });
    }

    /** {@code map_string}: a string value equal to a key (as written in rules) becomes the mapped value(s). */
    static ValueTransformation mapString(Map<String, List<String>> mapping) {
        Map<String, List<String>> m = new LinkedHashMap<>(mapping);
        return perAlternative((v, vars) -> {
            if (!(v instanceof SigmaValue.Str s)) {
                return null;
            }
            List<String> to = m.get(s.string().toRuleText());
            return to == null ? null : to.stream().map(t -> (SigmaValue) s.withString(SigmaString.parse(t))).toList();
        });
    }

    /** {@code set_value}: every selected value becomes {@code value}. */
    static ValueTransformation setValue(SigmaValue value) {
        return new ValueTransformation((v, vars) -> List.of(value));
    }

    /**
     * {@code convert_type}: numbers and booleans to strings ({@code str}), or decimal strings to numbers
     * ({@code num}). {@code null} stays null, as in pySigma. Values that are not plain values (regular expressions,
     * CIDR ranges, comparisons, field references, {@code exists}) keep their meaning rather than become their text.
     */
    static ValueTransformation convertType(boolean toString) {
        return perAlternative((v, vars) -> {
            if (toString) {
                if (v instanceof SigmaValue.Num n) {
                    return List.of(new SigmaValue.Str(SigmaString.literal(n.number().toString()), false));
                }
                if (v instanceof SigmaValue.Bool b) {
                    return List.of(new SigmaValue.Str(SigmaString.literal(Boolean.toString(b.value())), false));
                }
                return null;
            }
            if (v instanceof SigmaValue.Str s) {
                SigmaNumber n = s.string().isPlain() ? SigmaNumber.parseDecimal(s.string().plainText()) : null;
                if (n == null) {
                    throw new PipelineException("pipeline-convert-type", "value '" + s.string().toRuleText()
                            + "' cannot be converted to a number");
                }
                return List.of(new SigmaValue.Num(n));
            }
            if (v instanceof SigmaValue.Bool b) {
                throw new PipelineException("pipeline-convert-type", "value " + b.value()
                        + " cannot be converted to a number");
            }
            return null;
        });
    }

    /**
     * {@code value_placeholders}: replaces the placeholders {@code include}/{@code exclude} select by the values of
     * the pipeline variable of the same name (several values are ORed); a selected placeholder without a variable
     * fails the rule, as in pySigma.
     */
    static ValueTransformation valuePlaceholders(Set<String> include, Set<String> exclude, Limits limits) {
        return new ValueTransformation((v, vars) -> {
            List<String> missing = new ArrayList<>();
            SigmaValue r = Placeholders.substitute(v, n -> selected(n, include, exclude), n -> {
                List<String> values = vars.get(n);
                if (values == null) {
                    missing.add(n);
                }
                return values;
            }, limits);
            if (!missing.isEmpty()) {
                throw new PipelineException("pipeline-placeholder", "placeholder %" + missing.get(0) + "% has no "
                        + "variable in the pipeline's 'vars' (limit the transformation with 'include' or 'exclude' "
                        + "to leave it to other sources)");
            }
            return r == v ? null : List.of(r);
        });
    }

    /** {@code wildcard_placeholders}: replaces the selected placeholders by {@code *}. */
    static ValueTransformation wildcardPlaceholders(Set<String> include, Set<String> exclude) {
        return new ValueTransformation((v, vars) -> {
            SigmaValue r = Placeholders.wildcard(v, n -> selected(n, include, exclude));
            return r.equals(v) ? null : List.of(r);
        });
    }

    /** pySigma's include/exclude selection (the two are exclusive; neither selects every placeholder). */
    private static boolean selected(String name, Set<String> include, Set<String> exclude) {
        return include != null ? include.contains(name) : exclude == null || !exclude.contains(name);
    }
}
