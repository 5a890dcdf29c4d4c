package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code %name%} placeholders (created by the {@code expand} modifier) with configured values. Each
 * value is a Sigma string ({@code *} and {@code ?} are wildcards); several values, and several placeholders in
 * one string, expand to every combination, ORed.
 */
public final class Placeholders {

    private static final Pattern REGEX_PLACEHOLDER = Pattern.compile("%([^%]+)%");

    private Placeholders() {
    }

    /**
     * Substitutes the placeholders that {@code select} accepts and {@code lookup} knows.
     *
     * @param v       a value
     * @param select  which placeholder names to replace
     * @param lookup  the values of a placeholder, or {@code null} if unknown (then it is left in place)
     * @return the value with placeholders replaced (the same instance if nothing changed)
     * @throws PipelineException if the number of combinations exceeds the limit
     */
    public static SigmaValue substitute(SigmaValue v, Predicate<String> select, Function<String, List<String>> lookup,
                                        Limits limits) throws PipelineException {
        if (v instanceof SigmaValue.Str s && s.string().hasPlaceholders()) {
            List<SigmaString> variants = List.of(SigmaString.of(List.of()));
            boolean changed = false;
            for (SigmaString.Token t : s.string().tokens()) {
                List<SigmaString> parts;
                if (t instanceof SigmaString.Placeholder p && select.test(p.name()) && lookup.apply(p.name()) != null) {
                    changed = true;
                    parts = new ArrayList<>();
                    for (String value : lookup.apply(p.name())) {
                        parts.add(SigmaString.parse(value));
                    }
                } else {
                    parts = List.of(SigmaString.of(List.of(t)));
                }
                List<SigmaString> next = new ArrayList<>(variants.size() * parts.size());
                for (SigmaString a : variants) {
                    for (SigmaString b : parts) {
                        List<SigmaString.Token> tokens = new ArrayList<>(a.tokens());
                        tokens.addAll(b.tokens());
                        next.add(SigmaString.of(tokens));
                    }
                }
                if (next.size() > limits.maxValueVariants()) {
                    throw new PipelineException("value-variants-limit", "placeholder values expand '"
                            + s.string().toRuleText() + "' into more than " + limits.maxValueVariants()
                            + " variants (Limits.withMaxValueVariants)");
                }
                variants = next;
            }
            if (!changed) {
                return v;
            }
            List<SigmaValue> alts = new ArrayList<>(variants.size());
            for (SigmaString str : variants) {
                alts.add(s.withString(str));
            }
            return alts.size() == 1 ? alts.get(0) : new SigmaValue.Expansion(alts);
        }
        if (v instanceof SigmaValue.Regex r && r.pattern().indexOf('%') >= 0) {
            Matcher m = REGEX_PLACEHOLDER.matcher(r.pattern());
            StringBuilder sb = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                List<String> values = select.test(m.group(1)) ? lookup.apply(m.group(1)) : null;
                if (values == null) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                changed = true;
                StringBuilder alt = new StringBuilder("(?:");
                for (int i = 0; i < values.size(); i++) {
                    alt.append(i > 0 ? "|" : "").append(globToRegex(SigmaString.parse(values.get(i))));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(alt.append(')').toString()));
            }
            m.appendTail(sb);
            return changed ? new SigmaValue.Regex(sb.toString(), r.flags()) : v;
        }
        if (v instanceof SigmaValue.Expansion e) {
            List<SigmaValue> alts = new ArrayList<>();
            boolean changed = false;
            for (SigmaValue a : e.alternatives()) {
                SigmaValue r = substitute(a, select, lookup, limits);
                changed |= r != a;
                if (r instanceof SigmaValue.Expansion re) {
                    alts.addAll(re.alternatives());
                } else {
                    alts.add(r);
                }
            }
            return changed ? new SigmaValue.Expansion(alts) : v;
        }
        return v;
    }

    /** Replaces every placeholder by {@code *} ({@code wildcard_placeholders}). */
    public static SigmaValue wildcard(SigmaValue v, Predicate<String> select) {
        if (v instanceof SigmaValue.Str s && s.string().hasPlaceholders()) {
            List<SigmaString.Token> tokens = new ArrayList<>();
            for (SigmaString.Token t : s.string().tokens()) {
                tokens.add(t instanceof SigmaString.Placeholder p && select.test(p.name())
                        ? SigmaString.AnyString.INSTANCE : t);
            }
            return s.withString(SigmaString.of(tokens));
        }
        if (v instanceof SigmaValue.Regex r && r.pattern().indexOf('%') >= 0) {
            Matcher m = REGEX_PLACEHOLDER.matcher(r.pattern());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, select.test(m.group(1)) ? ".*" : Matcher.quoteReplacement(m.group()));
            }
            m.appendTail(sb);
            return new SigmaValue.Regex(sb.toString(), r.flags());
        }
        if (v instanceof SigmaValue.Expansion e) {
            List<SigmaValue> alts = new ArrayList<>();
            for (SigmaValue a : e.alternatives()) {
                alts.add(wildcard(a, select));
            }
            return new SigmaValue.Expansion(alts);
        }
        return v;
    }

    /** The names of the placeholders still in a value. */
    public static List<String> remaining(SigmaValue v) {
        List<String> out = new ArrayList<>();
        collect(v, out);
        return out;
    }

    private static void collect(SigmaValue v, List<String> out) {
        if (v instanceof SigmaValue.Str s) {
            for (SigmaString.Token t : s.string().tokens()) {
                if (t instanceof SigmaString.Placeholder p && !out.contains(p.name())) {
                    out.add(p.name());
                }
            }
        } else if (v instanceof SigmaValue.Expansion e) {
            for (SigmaValue a : e.alternatives()) {
                collect(a, out);
            }
        }
    }

    /** A Sigma string as a regex fragment: literals quoted, {@code *} as {@code .*}, {@code ?} as {@code .}. */
    static String globToRegex(SigmaString s) {
        StringBuilder sb = new StringBuilder();
        for (SigmaString.Token t : s.tokens()) {
            if (t instanceof SigmaString.Literal l) {
                for (char c : l.text().toCharArray()) {
                    if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            } else if (t == SigmaString.AnyString.INSTANCE) {
                sb.append(".*");
            } else if (t == SigmaString.AnyChar.INSTANCE) {
                sb.append('.');
            }
        }
        return sb.toString();
    }
}
