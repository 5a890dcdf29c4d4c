package io.sigmaengine.engine.model;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A typed rule value, after modifiers: what one value of a detection item compares an event field with.
 */
public sealed interface SigmaValue {

    /** How many values {@code v} stands for: the number of alternatives of an {@link Expansion}, else 1. */
    static int count(SigmaValue v) {
        return v instanceof Expansion e ? e.alternatives().size() : 1;
    }

    /**
     * A string pattern with wildcards; case-insensitive unless {@code cased}. {@code binary} marks the output of
     * {@code wide}/{@code utf16*}: each char is one byte (U+0000-U+00FF), so {@code base64} encodes the chars as
     * bytes instead of UTF-8 encoding them.
     */
    record Str(SigmaString string, boolean cased, boolean binary) implements SigmaValue {
        public Str(SigmaString string, boolean cased) {
            this(string, cased, false);
        }

        public Str withString(SigmaString s) {
            return new Str(s, cased, binary);
        }
    }

    /** A number; equal to event numbers of the same value and to decimal strings of the same value. */
    record Num(SigmaNumber number) implements SigmaValue {
    }

    /** A boolean; equal to event booleans and to the strings {@code true}/{@code false} in any case. */
    record Bool(boolean value) implements SigmaValue {
    }

    /** {@code null}: the field is missing or null. */
    enum Null implements SigmaValue {
        INSTANCE
    }

    /** A regular expression, searched (unanchored) in the field's text. */
    record Regex(String pattern, Set<RegexFlag> flags) implements SigmaValue {
        public Regex {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        }

        public Regex withFlag(RegexFlag flag) {
            EnumSet<RegexFlag> f = flags.isEmpty() ? EnumSet.noneOf(RegexFlag.class) : EnumSet.copyOf(flags);
            f.add(flag);
            return new Regex(pattern, f);
        }
    }

    /** Regex sub-modifiers. */
    enum RegexFlag {
        /** {@code i}: case-insensitive. */
        IGNORE_CASE,
        /** {@code m}: {@code ^}/{@code $} match at line boundaries. */
        MULTILINE,
        /** {@code s}: {@code .} matches newlines. */
        DOTALL
    }

    /** An IPv4 or IPv6 network ({@code cidr}). */
    record Cidr(CidrNetwork network) implements SigmaValue {
    }

    /** A numeric comparison ({@code gt}, {@code gte}, {@code lt}, {@code lte}). */
    record Compare(CompareOp op, SigmaNumber bound) implements SigmaValue {
    }

    /** Comparison operators. */
    enum CompareOp {
        GT(">"), GTE(">="), LT("<"), LTE("<=");

        private final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Applies the operator to the result of {@code compareTo(eventValue, bound)}. */
        public boolean test(int cmp) {
            return switch (this) {
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
            };
        }
    }

    /**
     * A part of a timestamp ({@code minute} ... {@code year}) compared with a number, either for equality
     * ({@code compare == null}) or with a comparison operator.
     */
    record TimePart(TimeUnitPart part, SigmaNumber value, CompareOp compare) implements SigmaValue {
    }

    /** The parts a timestamp modifier can extract; all in UTC, {@code WEEK} is the ISO-8601 week (1-53). */
    enum TimeUnitPart {
        MINUTE, HOUR, DAY, WEEK, MONTH, YEAR
    }

    /**
     * {@code fieldref}: compare with another field of the same event, case-insensitively; with
     * {@code anyPrefix}/{@code anySuffix} the other field's value may be preceded/followed by anything
     * ({@code endswith}/{@code startswith}; both for {@code contains}).
     */
    record FieldRef(String field, boolean anyPrefix, boolean anySuffix) implements SigmaValue {
    }

    /** {@code exists}: whether the field is present at all (even null or empty). */
    record Exists(boolean exists) implements SigmaValue {
    }

    /**
     * Alternatives produced by one rule value ({@code windash} variants, {@code base64offset} offsets, placeholder
     * values): always ORed, even inside an {@code all} item.
     */
    record Expansion(List<SigmaValue> alternatives) implements SigmaValue {
        public Expansion {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** Convenience: the number of a plain number value. */
    static SigmaValue number(BigDecimal value) {
        return new Num(SigmaNumber.of(value));
    }
}
