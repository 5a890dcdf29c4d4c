package io.sigmaengine.engine.match;

import com.google.re2j.Pattern;
import io.sigmaengine.api.Event;
import io.sigmaengine.engine.model.CidrNetwork;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.RegexSupport;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.model.SigmaString;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.regex.LinearRegex;
import io.sigmaengine.engine.regex.UnsupportedRegexException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A rule value prepared for the reference evaluator: regexes compiled, strings folded. {@link #testField} applies
 * the engine's semantics for missing fields, nulls, lists and maps; {@link #testScalar} compares one scalar.
 */
public abstract class ValueTest {

    /** Looks up another field of the same event (for {@code fieldref}). */
    public interface Fields extends Function<String, Object> {
    }

    /** Prepares a value; {@code keyword} values match as substrings ({@code *value*}). */
    public static ValueTest of(SigmaValue v, boolean keyword, int maxRegexLength) throws ModelException {
        if (keyword && v instanceof SigmaValue.Num n) {
            // Keywords search text, so a number keyword is its decimal text.
            v = new SigmaValue.Str(SigmaString.literal(n.number().toString()), false);
        } else if (keyword && v instanceof SigmaValue.Bool b) {
            v = new SigmaValue.Str(SigmaString.literal(Boolean.toString(b.value())), false);
        }
        if (v instanceof SigmaValue.Str s) {
            SigmaString str = keyword ? s.string().prependAnyString().appendAnyString() : s.string();
            SigmaNumber numeric = !keyword && str.isPlain() ? SigmaNumber.parseDecimal(str.plainText()) : null;
            return new StrTest(Glob.compile(str, s.cased()), numeric, str, keyword);
        } else if (v instanceof SigmaValue.Num n) {
            return new NumTest(n.number());
        } else if (v instanceof SigmaValue.Bool b) {
            return new BoolTest(b.value());
        } else if (v == SigmaValue.Null.INSTANCE) {
            return NullTest.INSTANCE;
        } else if (v instanceof SigmaValue.Regex r) {
            Pattern pattern = RegexSupport.compile(r.pattern(), r.flags(), maxRegexLength);
            return new RegexTest(pattern, linear(pattern), r.pattern());
        } else if (v instanceof SigmaValue.Cidr c) {
            return new CidrTest(c.network());
        } else if (v instanceof SigmaValue.Compare c) {
            return new CompareTest(c);
        } else if (v instanceof SigmaValue.TimePart t) {
            return new TimePartTest(t);
        } else if (v instanceof SigmaValue.FieldRef f) {
            return new FieldRefTest(f);
        } else if (v instanceof SigmaValue.Exists e) {
            return new ExistsTest(e.exists());
        } else {
            List<ValueTest> alts = new ArrayList<>();
            for (SigmaValue a : ((SigmaValue.Expansion) v).alternatives()) {
                alts.add(of(a, keyword, maxRegexLength));
            }
            return new AnyTest(alts);
        }
    }

    /** The lazy-DFA matcher of a pattern RE2/J accepted, or {@code null} where only RE2/J runs it exactly. */
    private static LinearRegex linear(Pattern pattern) {
        try {
            return LinearRegex.compile(pattern.pattern(), pattern.flags());
        } catch (UnsupportedRegexException e) {
            return null;
        }
    }

    /** Tests the value of a field as the event holds it: a scalar, a list, a map, null or {@link Event#MISSING}. */
    public boolean testField(Object fieldValue, Fields fields) {
        if (fieldValue == Event.MISSING || fieldValue == null) {
            return false;
        }
        if (fieldValue instanceof List<?> list) {
            // Indexed, so that testing a list value allocates no iterator (event lists are random access).
            for (int i = 0, n = list.size(); i < n; i++) {
                if (testField(list.get(i), fields)) {
                    return true;
                }
            }
            return false;
        }
        if (fieldValue instanceof Object[] arr) {
            for (Object e : arr) {
                if (testField(e, fields)) {
                    return true;
                }
            }
            return false;
        }
        if (!Scalars.isScalar(fieldValue)) {
            return false;
        }
        return testScalar(fieldValue, fields);
    }

    /** Tests one scalar (string, number or boolean). */
    public abstract boolean testScalar(Object scalar, Fields fields);

    /** A short description for match explanations. */
    public abstract String describe();

    /** Relative cost of one test, for ordering evaluation (a plain comparison is 1). */
    public int cost() {
        return 1;
    }

    static final class StrTest extends ValueTest {
        private final Glob glob;
        private final SigmaNumber numeric;
        private final SigmaString text;
        private final boolean keyword;

        StrTest(Glob glob, SigmaNumber numeric, SigmaString text, boolean keyword) {
            this.glob = glob;
            this.numeric = numeric;
            this.text = text;
            this.keyword = keyword;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            if (numeric != null && scalar instanceof Number n) {
                return numeric.equals(SigmaNumber.of(n));
            }
            return glob.matches(Scalars.text(scalar));
        }

        @Override
        public String describe() {
            return (keyword ? "keyword " : "") + (glob.cased() ? "cased " : "") + "'" + text.toRuleText() + "'";
        }
    }

    static final class NumTest extends ValueTest {
        private final SigmaNumber number;

        NumTest(SigmaNumber number) {
            this.number = number;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            if (scalar instanceof Boolean) {
                return false;
            }
            SigmaNumber n = Scalars.number(scalar);
            return n != null && n.equals(number);
        }

        @Override
        public String describe() {
            return "== " + number;
        }
    }

    static final class BoolTest extends ValueTest {
        private final boolean value;

        BoolTest(boolean value) {
            this.value = value;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            Boolean b = Scalars.bool(scalar);
            return b != null && b == value;
        }

        @Override
        public String describe() {
            return "== " + value;
        }
    }

    static final class NullTest extends ValueTest {
        static final NullTest INSTANCE = new NullTest();

        @Override
        public boolean testField(Object fieldValue, Fields fields) {
            if (fieldValue == Event.MISSING || fieldValue == null) {
                return true;
            }
            if (fieldValue instanceof List<?> list) {
                // Not list.contains(null): immutable lists (List.of) throw on it, and adapters may hand them in.
                for (Object e : list) {
                    if (e == null) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            return false;
        }

        @Override
        public String describe() {
            return "is null or missing";
        }
    }

    static final class ExistsTest extends ValueTest {
        private final boolean exists;

        ExistsTest(boolean exists) {
            this.exists = exists;
        }

        @Override
        public boolean testField(Object fieldValue, Fields fields) {
            return (fieldValue != Event.MISSING) == exists;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            return exists;
        }

        @Override
        public String describe() {
            return exists ? "exists" : "does not exist";
        }
    }

    static final class RegexTest extends ValueTest {
        private final Pattern pattern;
        /** Same answers as {@link #pattern}, faster and without allocating; {@code null} if unsupported. */
        private final LinearRegex linear;
        private final String source;

        RegexTest(Pattern pattern, LinearRegex linear, String source) {
            this.pattern = pattern;
            this.linear = linear;
            this.source = source;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            CharSequence text = Scalars.text(scalar);
            return linear != null ? linear.matches(text) : pattern.matcher(text).find();
        }

        @Override
        public String describe() {
            return "re '" + source + "'";
        }

        @Override
        public int cost() {
            return 10;
        }
    }

    static final class CidrTest extends ValueTest {
        private final CidrNetwork network;

        CidrTest(CidrNetwork network) {
            this.network = network;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            return scalar instanceof CharSequence cs && network.contains(cs);
        }

        @Override
        public String describe() {
            return "cidr " + network;
        }
    }

    static final class CompareTest extends ValueTest {
        private final SigmaValue.Compare compare;

        CompareTest(SigmaValue.Compare compare) {
            this.compare = compare;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            if (scalar instanceof Boolean) {
                return false;
            }
            SigmaNumber n = Scalars.number(scalar);
            return n != null && compare.op().test(n.compareTo(compare.bound()));
        }

        @Override
        public String describe() {
            return compare.op().symbol() + " " + compare.bound();
        }
    }

    static final class TimePartTest extends ValueTest {
        private final SigmaValue.TimePart part;

        TimePartTest(SigmaValue.TimePart part) {
            this.part = part;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            if (scalar instanceof Boolean) {
                return false;
            }
            Instant t = Scalars.timestamp(scalar);
            if (t == null) {
                return false;
            }
            SigmaNumber actual = SigmaNumber.of(Scalars.timePart(t, part.part()));
            int c = actual.compareTo(part.value());
            return part.compare() == null ? c == 0 : part.compare().test(c);
        }

        @Override
        public String describe() {
            return part.part().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + (part.compare() == null ? "==" : part.compare().symbol()) + " " + part.value();
        }
    }

    static final class FieldRefTest extends ValueTest {
        private final SigmaValue.FieldRef ref;

        FieldRefTest(SigmaValue.FieldRef ref) {
            this.ref = ref;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            return anyScalar(fields.apply(ref.field()), scalar);
        }

        private boolean anyScalar(Object other, Object scalar) {
            if (other == Event.MISSING || other == null) {
                return false;
            }
            if (other instanceof List<?> list) {
                for (Object o : list) {
                    if (anyScalar(o, scalar)) {
                        return true;
                    }
                }
                return false;
            }
            if (!Scalars.isScalar(other)) {
                return false;
            }
            CharSequence a = Scalars.text(scalar);
            CharSequence b = Scalars.text(other);
            // Compare folding char by char (no copies per event) unless a surrogate pair needs whole-string folding.
            boolean fold = true;
            if (CaseFold.hasSurrogate(a) || CaseFold.hasSurrogate(b)) {
                a = CaseFold.fold(a.toString());
                b = CaseFold.fold(b.toString());
                fold = false;
            }
            int la = a.length();
            int lb = b.length();
            if (ref.anyPrefix() && ref.anySuffix()) {
                for (int i = 0; i <= la - lb; i++) {
                    if (CaseFold.regionEquals(a, i, b, 0, lb, fold)) {
                        return true;
                    }
                }
                return false;
            }
            if (ref.anyPrefix()) {
                return lb <= la && CaseFold.regionEquals(a, la - lb, b, 0, lb, fold);
            }
            if (ref.anySuffix()) {
                return lb <= la && CaseFold.regionEquals(a, 0, b, 0, lb, fold);
            }
            if (la == lb && CaseFold.regionEquals(a, 0, b, 0, la, fold)) {
                return true;
            }
            SigmaNumber x = Scalars.number(scalar);
            SigmaNumber y = Scalars.number(other);
            return x != null && y != null && !(scalar instanceof Boolean) && !(other instanceof Boolean) && x.equals(y);
        }

        @Override
        public String describe() {
            String mode = ref.anyPrefix() && ref.anySuffix() ? "contains" : ref.anyPrefix() ? "endswith"
                    : ref.anySuffix() ? "startswith" : "equals";
            return mode + " field " + ref.field();
        }
    }

    static final class AnyTest extends ValueTest {
        private final List<ValueTest> alternatives;

        AnyTest(List<ValueTest> alternatives) {
            this.alternatives = List.copyOf(alternatives);
        }

        @Override
        public boolean testField(Object fieldValue, Fields fields) {
            for (ValueTest t : alternatives) {
                if (t.testField(fieldValue, fields)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean testScalar(Object scalar, Fields fields) {
            for (ValueTest t : alternatives) {
                if (t.testScalar(scalar, fields)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "one of " + alternatives.size() + " variants";
        }

        @Override
        public int cost() {
            int c = 0;
            for (ValueTest t : alternatives) {
                c += t.cost();
            }
            return c;
        }
    }
}
