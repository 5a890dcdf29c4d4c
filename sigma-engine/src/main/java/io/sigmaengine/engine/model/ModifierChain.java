package io.sigmaengine.engine.model;

import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.model.SigmaString.AnyChar;
import io.sigmaengine.engine.model.SigmaString.AnyString;
import io.sigmaengine.engine.model.SigmaString.Literal;
import io.sigmaengine.engine.model.SigmaString.Placeholder;
import io.sigmaengine.engine.model.SigmaString.Token;
import io.sigmaengine.engine.model.SigmaValue.Bool;
import io.sigmaengine.engine.model.SigmaValue.Cidr;
import io.sigmaengine.engine.model.SigmaValue.Compare;
import io.sigmaengine.engine.model.SigmaValue.CompareOp;
import io.sigmaengine.engine.model.SigmaValue.Exists;
import io.sigmaengine.engine.model.SigmaValue.Expansion;
import io.sigmaengine.engine.model.SigmaValue.FieldRef;
import io.sigmaengine.engine.model.SigmaValue.Num;
import io.sigmaengine.engine.model.SigmaValue.Regex;
import io.sigmaengine.engine.model.SigmaValue.RegexFlag;
import io.sigmaengine.engine.model.SigmaValue.Str;
import io.sigmaengine.engine.model.SigmaValue.TimePart;
import io.sigmaengine.engine.model.SigmaValue.TimeUnitPart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Applies a modifier chain ({@code field|contains|all}) to the values of one detection item, left to right, with
 * pySigma's type and position rules, and the project decisions where the specification and pySigma differ
 * (literal-byte base64, {@code FF FE} UTF-16 BOM, {@code utf16le}, {@code cased} honoured anywhere).
 */
public final class ModifierChain {

    /** pySigma's windash positions: a dash or slash not after a word character and before one. */
    private static final java.util.regex.Pattern WINDASH_POSITION =
            java.util.regex.Pattern.compile("\\B[-/]\\b", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    private static final char[] WINDASH_CHARS = {'-', '/', '\u2013', '\u2014', '\u2015'};

    /**
     * The item-level result of a chain.
     *
     * @param values   one typed value per rule value
     * @param all      whether {@code all} was applied
     * @param negated  whether {@code neq} was applied
     * @param warnings advisory messages (code + text)
     */
    public record Result(List<SigmaValue> values, boolean all, boolean negated, List<Warning> warnings) {

        /** How many values the item compares, each expansion alternative counted. */
        public long valueCount() {
            long n = 0;
            for (SigmaValue v : values) {
                n += SigmaValue.count(v);
            }
            return n;
        }
    }

    /** A non-fatal finding about a modifier chain. */
    public record Warning(String code, String message) {
    }

    private final String field;
    private final List<Modifier> modifiers;
    private final Limits limits;
    private final List<Warning> warnings = new ArrayList<>();

    private ModifierChain(String field, List<Modifier> modifiers, Limits limits) {
        this.field = field;
        this.modifiers = modifiers;
        this.limits = limits;
    }

    /**
     * Parses {@code field|mod|mod} into the field name and modifiers.
     *
     * @return the field ({@code null} when the key starts with {@code |}) and the modifiers
     * @throws ModelException for an unknown modifier name
     */
    public static ParsedKey parseKey(String key) throws ModelException {
        String[] parts = key.split("\\|", -1);
        String field = parts[0].isEmpty() ? null : parts[0];
        List<Modifier> mods = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            Modifier m = Modifier.byName(parts[i]);
            if (m == null) {
                String hint = Modifier.byName(parts[i].toLowerCase(java.util.Locale.ROOT)) != null
                        ? " (modifier names are lowercase: '" + parts[i].toLowerCase(java.util.Locale.ROOT) + "')"
                        : "";
                throw new ModelException("unknown-modifier", "unknown modifier '" + parts[i] + "' in '" + key + "'"
                        + hint);
            }
            mods.add(m);
        }
        return new ParsedKey(field, mods);
    }

    /** A detection key split into field and modifiers. */
    public record ParsedKey(String field, List<Modifier> modifiers) {
    }

    /**
     * Applies the modifiers to every value.
     *
     * @param field     the field, or {@code null} for keywords
     * @param modifiers the modifiers in written order
     * @param raws      the values as written (at least one)
     */
    public static Result apply(String field, List<Modifier> modifiers, List<RawValue> raws, Limits limits)
            throws ModelException {
        return new ModifierChain(field, modifiers, limits).run(raws);
    }

    private Result run(List<RawValue> raws) throws ModelException {
        checkChain();
        boolean all = modifiers.contains(Modifier.ALL);
        boolean negated = modifiers.contains(Modifier.NEQ);
        List<SigmaValue> out = new ArrayList<>(raws.size());
        long expanded = 0;
        for (RawValue raw : raws) {
            SigmaValue v = applyToValue(raw);
            // Checked value by value: windash on many values would otherwise exhaust memory before any check.
            expanded += SigmaValue.count(v);
            if (expanded > limits.maxValuesPerRule()) {
                throw new ModelException("values-limit", "'" + key() + "' expands into more than "
                        + limits.maxValuesPerRule() + " values (Limits.withMaxValuesPerRule)");
            }
            out.add(v);
        }
        if (all && raws.size() == 1) {
            warn("all-single-value", "'all' has no effect on a single value");
        }
        if (all && field != null && !hasAny(Modifier.CONTAINS, Modifier.STARTSWITH, Modifier.ENDSWITH, Modifier.RE)
                && raws.size() > 1) {
            warn("all-without-contains", "'" + key() + "' requires the field to equal every value at once, which "
                    + "can only match if the values are equal; did you mean '|contains|all'?");
        }
        return new Result(out, all, negated, List.copyOf(warnings));
    }

    private boolean hasAny(Modifier... ms) {
        for (Modifier m : ms) {
            if (modifiers.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private String key() {
        StringBuilder sb = new StringBuilder(field == null ? "" : field);
        for (Modifier m : modifiers) {
            sb.append('|').append(m.yamlName());
        }
        return sb.toString();
    }

    private void warn(String code, String message) {
        Warning w = new Warning(code, message);
        if (!warnings.contains(w)) {
            warnings.add(w);
        }
    }

    /** Position and combination rules that do not depend on the values. */
    private void checkChain() throws ModelException {
        EnumSet<Modifier> seen = EnumSet.noneOf(Modifier.class);
        for (int i = 0; i < modifiers.size(); i++) {
            Modifier m = modifiers.get(i);
            if (!seen.add(m) && m != Modifier.I && m != Modifier.IGNORECASE) {
                warn("duplicate-modifier", "modifier '" + m + "' is applied twice in '" + key() + "'");
            }
            switch (m) {
                case RE, CIDR, EXISTS -> {
                    if (i != 0) {
                        throw new ModelException("modifier-position", "'" + m + "' must be the first modifier, "
                                + "but '" + key() + "' applies '" + modifiers.get(0) + "' before it");
                    }
                }
                default -> {
                }
            }
        }
        if (field == null && seen.contains(Modifier.EXISTS)) {
            throw new ModelException("modifier-keyword", "'exists' needs a field; it cannot be used on a keyword");
        }
        if (field == null && seen.contains(Modifier.FIELDREF)) {
            throw new ModelException("modifier-keyword", "'fieldref' needs a field; it cannot be used on a keyword");
        }
        if (seen.contains(Modifier.BASE64OFFSET) && !seen.contains(Modifier.CONTAINS)) {
            warn("base64offset-without-contains", "'base64offset' without 'contains' compares whole values and "
                    + "will rarely match encoded text inside a longer string");
        }
        if (seen.contains(Modifier.CASED) && seen.contains(Modifier.WINDASH)
                && modifiers.indexOf(Modifier.CASED) < modifiers.indexOf(Modifier.WINDASH)) {
            warn("cased-before-windash", "pySigma drops 'cased' when 'windash' follows it; this engine keeps the "
                    + "comparison case-sensitive");
        }
    }

    private SigmaValue applyToValue(RawValue raw) throws ModelException {
        SigmaValue v = initial(raw);
        List<Modifier> applied = new ArrayList<>();
        for (Modifier m : modifiers) {
            if (m != Modifier.ALL && m != Modifier.NEQ) {
                v = applyOne(m, v, applied);
            }
            applied.add(m);
        }
        if (v == SigmaValue.Null.INSTANCE && field == null) {
            throw new ModelException("null-keyword", "a null value must be bound to a field; a keyword cannot be "
                    + "null");
        }
        return v;
    }

    private SigmaValue initial(RawValue raw) {
        boolean rawRegex = !modifiers.isEmpty() && modifiers.get(0) == Modifier.RE;
        return switch (raw.kind()) {
            case STRING -> rawRegex ? new Regex(raw.text(), Set.of())
                    : new Str(SigmaString.parse((String) raw.value()), false);
            case NUMBER -> rawRegex ? new Regex(raw.text(), Set.of()) : new Num((SigmaNumber) raw.value());
            case BOOL -> new Bool((Boolean) raw.value());
            case NULL -> SigmaValue.Null.INSTANCE;
        };
    }

    private SigmaValue applyOne(Modifier m, SigmaValue v, List<Modifier> applied) throws ModelException {
        if (v instanceof Expansion e && m != Modifier.RE && m != Modifier.CIDR && m != Modifier.EXISTS) {
            List<SigmaValue> alts = new ArrayList<>(e.alternatives().size());
            for (SigmaValue a : e.alternatives()) {
                alts.add(applyOne(m, a, applied));
            }
            return flatten(alts);
        }
        return switch (m) {
            case CONTAINS -> wrap(m, v, true, true);
            case STARTSWITH -> wrap(m, v, false, true);
            case ENDSWITH -> wrap(m, v, true, false);
            case CASED -> {
                if (v instanceof Str s) {
                    yield new Str(s.string(), true);
                }
                throw typeError(m, v);
            }
            case WINDASH -> windash(requireStr(m, v));
            case RE -> {
                if (v instanceof Regex r) {
                    yield r;
                }
                throw typeError(m, v);
            }
            case I, IGNORECASE -> regexFlag(m, v, RegexFlag.IGNORE_CASE);
            case M, MULTILINE -> regexFlag(m, v, RegexFlag.MULTILINE);
            case S, DOTALL -> regexFlag(m, v, RegexFlag.DOTALL);
            case BASE64 -> base64(m, requireStr(m, v));
            case BASE64OFFSET -> base64offset(m, requireStr(m, v));
            case WIDE, UTF16LE -> utf16(m, requireStr(m, v), Utf16.LE);
            case UTF16BE -> utf16(m, requireStr(m, v), Utf16.BE);
            case UTF16 -> utf16(m, requireStr(m, v), Utf16.BOM_LE);
            case CIDR -> cidr(m, v);
            case GT -> compare(m, v, CompareOp.GT);
            case GTE -> compare(m, v, CompareOp.GTE);
            case LT -> compare(m, v, CompareOp.LT);
            case LTE -> compare(m, v, CompareOp.LTE);
            case MINUTE -> timePart(m, v, TimeUnitPart.MINUTE);
            case HOUR -> timePart(m, v, TimeUnitPart.HOUR);
            case DAY -> timePart(m, v, TimeUnitPart.DAY);
            case WEEK -> timePart(m, v, TimeUnitPart.WEEK);
            case MONTH -> timePart(m, v, TimeUnitPart.MONTH);
            case YEAR -> timePart(m, v, TimeUnitPart.YEAR);
            case FIELDREF -> fieldref(m, v);
            case EXISTS -> {
                if (v instanceof Bool b) {
                    yield new Exists(b.value());
                }
                throw new ModelException("modifier-type", "'exists' takes a YAML boolean (true or false, unquoted), "
                        + "not " + describe(v));
            }
            case EXPAND -> expand(m, v);
            case ALL, NEQ -> v;
        };
    }

    private static SigmaValue flatten(List<SigmaValue> alts) {
        List<SigmaValue> flat = new ArrayList<>(alts.size());
        for (SigmaValue a : alts) {
            if (a instanceof Expansion e) {
                flat.addAll(e.alternatives());
            } else {
                flat.add(a);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Expansion(flat);
    }

    private SigmaValue wrap(Modifier m, SigmaValue v, boolean before, boolean after) throws ModelException {
        if (v instanceof Str s) {
            SigmaString r = s.string();
            if (before) {
                r = r.prependAnyString();
            }
            if (after) {
                r = r.appendAnyString();
            }
            return s.withString(r);
        }
        if (v instanceof Regex r) {
            // Regexes are searched, not anchored, so contains/startswith/endswith change nothing.
            return r;
        }
        if (v instanceof FieldRef f) {
            return new FieldRef(f.field(), f.anyPrefix() || before, f.anySuffix() || after);
        }
        throw typeError(m, v);
    }

    private Str requireStr(Modifier m, SigmaValue v) throws ModelException {
        if (v instanceof Str s) {
            return s;
        }
        throw typeError(m, v);
    }

    private SigmaValue regexFlag(Modifier m, SigmaValue v, RegexFlag flag) throws ModelException {
        if (v instanceof Regex r) {
            return r.withFlag(flag);
        }
        throw new ModelException("modifier-type", "'" + m + "' is a regular-expression flag and needs 're' before it, "
                + "as in '" + (field == null ? "" : field) + "|re|" + m + "'");
    }

    private SigmaValue windash(Str s) throws ModelException {
        // Collect the flag positions of every literal segment; each gets five alternatives.
        List<Token> tokens = s.string().tokens();
        List<int[]> positions = new ArrayList<>();
        for (int ti = 0; ti < tokens.size(); ti++) {
            if (tokens.get(ti) instanceof Literal lit) {
                Matcher mt = WINDASH_POSITION.matcher(lit.text());
                while (mt.find()) {
                    positions.add(new int[]{ti, mt.start()});
                }
            }
        }
        if (positions.isEmpty()) {
            return s;
        }
        long variants = 1;
        for (int i = 0; i < positions.size(); i++) {
            variants *= WINDASH_CHARS.length;
            if (variants > limits.maxValueVariants()) {
                throw new ModelException("value-variants-limit", "'windash' on a value with " + positions.size()
                        + " flag positions gives " + WINDASH_CHARS.length + "^" + positions.size()
                        + " variants; the limit is " + limits.maxValueVariants()
                        + " (Limits.withMaxValueVariants)");
            }
        }
        if (variants > limits.maxValuesPerRule()) {
            throw new ModelException("values-limit", "'windash' gives " + variants + " variants, more values than "
                    + "the rule may still have (Limits.withMaxValuesPerRule)");
        }
        List<SigmaValue> alts = new ArrayList<>((int) variants);
        int[] choice = new int[positions.size()];
        for (long k = 0; k < variants; k++) {
            long rest = k;
            for (int p = positions.size() - 1; p >= 0; p--) {
                choice[p] = (int) (rest % WINDASH_CHARS.length);
                rest /= WINDASH_CHARS.length;
            }
            List<Token> nt = new ArrayList<>(tokens.size());
            for (int ti = 0; ti < tokens.size(); ti++) {
                Token t = tokens.get(ti);
                if (t instanceof Literal lit) {
                    char[] chars = lit.text().toCharArray();
                    for (int p = 0; p < positions.size(); p++) {
                        if (positions.get(p)[0] == ti) {
                            chars[positions.get(p)[1]] = WINDASH_CHARS[choice[p]];
                        }
                    }
                    nt.add(new Literal(new String(chars)));
                } else {
                    nt.add(t);
                }
            }
            alts.add(s.withString(SigmaString.of(nt)));
        }
        return new Expansion(alts);
    }

    private byte[] encodableBytes(Modifier m, Str s) throws ModelException {
        SigmaString str = s.string();
        if (!str.isPlain()) {
            throw new ModelException("modifier-wildcard", "'" + m + "' cannot encode a value with wildcards or "
                    + "placeholders ('" + str.toRuleText() + "'); apply 'contains'/'startswith'/'endswith' after '"
                    + m + "', and escape a literal * or ? as \\* or \\?");
        }
        String text = str.plainText();
        if (text.length() > limits.maxEncodedValueLength()) {
            throw new ModelException("encoded-value-limit", "'" + m + "' value is " + text.length()
                    + " characters long; the limit is " + limits.maxEncodedValueLength()
                    + " (Limits.withMaxEncodedValueLength)");
        }
        return s.binary() ? Utf16.toBytes(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    private SigmaValue base64(Modifier m, Str s) throws ModelException {
        byte[] bytes = encodableBytes(m, s);
        return new Str(SigmaString.literal(Base64.getEncoder().encodeToString(bytes)), s.cased());
    }

    private SigmaValue base64offset(Modifier m, Str s) throws ModelException {
        byte[] bytes = encodableBytes(m, s);
        int[] starts = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<SigmaValue> alts = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[bytes.length + i];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int end = enc.length() - endTrim[(bytes.length + i) % 3];
            String variant = starts[i] <= end ? enc.substring(starts[i], end) : "";
            alts.add(new Str(SigmaString.literal(variant), s.cased()));
        }
        return new Expansion(alts);
    }

    private SigmaValue utf16(Modifier m, Str s, Utf16 kind) throws ModelException {
        List<Token> out = new ArrayList<>();
        boolean first = true;
        for (Token t : s.string().tokens()) {
            if (t instanceof Literal lit) {
                out.add(new Literal(kind.encode(lit.text(), first)));
            } else if (t instanceof Placeholder) {
                throw new ModelException("modifier-type", "'" + m + "' cannot encode a placeholder");
            } else {
                if (first && kind == Utf16.BOM_LE) {
                    out.add(new Literal(Utf16.BOM));
                }
                out.add(t);
            }
            first = false;
        }
        if (first && kind == Utf16.BOM_LE) {
            out.add(new Literal(Utf16.BOM));
        }
        return new Str(SigmaString.of(out), s.cased(), true);
    }

    private SigmaValue cidr(Modifier m, SigmaValue v) throws ModelException {
        if (!(v instanceof Str s)) {
            throw typeError(m, v);
        }
        String text = s.string().isPlain() ? s.string().plainText() : s.string().toRuleText();
        try {
            return new Cidr(CidrNetwork.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ModelException("cidr-invalid", "invalid 'cidr' value: " + e.getMessage());
        }
    }

    private SigmaValue compare(Modifier m, SigmaValue v, CompareOp op) throws ModelException {
        if (v instanceof Num n) {
            return new Compare(op, n.number());
        }
        if (v instanceof TimePart tp && tp.compare() == null) {
            return new TimePart(tp.part(), tp.value(), op);
        }
        throw new ModelException("modifier-type", "'" + m + "' compares numbers and needs an unquoted number, not "
                + describe(v));
    }

    private SigmaValue timePart(Modifier m, SigmaValue v, TimeUnitPart part) throws ModelException {
        if (v instanceof Num n && n.number().isIntegral()) {
            return new TimePart(part, n.number(), null);
        }
        throw new ModelException("modifier-type", "'" + m + "' needs an unquoted integer, not " + describe(v));
    }

    private SigmaValue fieldref(Modifier m, SigmaValue v) throws ModelException {
        if (v instanceof Str s && !s.cased()) {
            if (!s.string().isPlain() || s.string().isEmpty()) {
                throw new ModelException("fieldref-invalid", "'fieldref' takes the name of another field, without "
                        + "wildcards; got '" + s.string().toRuleText() + "'");
            }
            return new FieldRef(s.string().plainText(), false, false);
        }
        throw new ModelException("modifier-type", "'fieldref' takes the name of another field as a string, not "
                + describe(v));
    }

    private SigmaValue expand(Modifier m, SigmaValue v) throws ModelException {
        if (v instanceof Str s) {
            return s.withString(insertPlaceholders(s.string()));
        }
        if (v instanceof Regex r) {
            return r;
        }
        throw typeError(m, v);
    }

    /** Turns {@code %name%} in literal text into placeholder tokens; {@code \%} is a literal percent sign. */
    public static SigmaString insertPlaceholders(SigmaString s) {
        List<Token> out = new ArrayList<>();
        for (Token t : s.tokens()) {
            if (!(t instanceof Literal lit)) {
                out.add(t);
                continue;
            }
            String text = lit.text();
            StringBuilder buf = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                    buf.append('%');
                    i += 2;
                } else if (c == '%') {
                    int close = text.indexOf('%', i + 1);
                    if (close > i + 1) {
                        if (buf.length() > 0) {
                            out.add(new Literal(buf.toString()));
                            buf.setLength(0);
                        }
                        out.add(new Placeholder(text.substring(i + 1, close)));
                        i = close + 1;
                    } else {
                        buf.append(c);
                        i++;
                    }
                } else {
                    buf.append(c);
                    i++;
                }
            }
            if (buf.length() > 0) {
                out.add(new Literal(buf.toString()));
            }
        }
        return SigmaString.of(out);
    }

    private ModelException typeError(Modifier m, SigmaValue v) {
        return new ModelException("modifier-type", "modifier '" + m + "' cannot be applied to " + describe(v)
                + " in '" + key() + "'" + hint(m, v));
    }

    private static String hint(Modifier m, SigmaValue v) {
        if (v instanceof Num && (m == Modifier.CONTAINS || m == Modifier.STARTSWITH || m == Modifier.ENDSWITH
                || m == Modifier.CASED || m == Modifier.WINDASH)) {
            return "; quote the number to compare it as text";
        }
        if (m == Modifier.RE) {
            return "; 're' must be the first modifier";
        }
        return "";
    }

    static String describe(SigmaValue v) {
        if (v instanceof Str s) {
            return "the string '" + s.string().toRuleText() + "'";
        } else if (v instanceof Num n) {
            return "the number " + n.number();
        } else if (v instanceof Bool b) {
            return "the boolean " + b.value();
        } else if (v == SigmaValue.Null.INSTANCE) {
            return "null";
        } else if (v instanceof Regex r) {
            return "the regular expression '" + r.pattern() + "'";
        } else if (v instanceof Cidr c) {
            return "the network " + c.network();
        } else if (v instanceof Compare c) {
            return "a numeric comparison";
        } else if (v instanceof TimePart) {
            return "a timestamp part";
        } else if (v instanceof FieldRef f) {
            return "a field reference to '" + f.field() + "'";
        } else if (v instanceof Exists) {
            return "an 'exists' test";
        }
        return "an expanded value";
    }

    /** UTF-16 encodings; the result is a "binary string" whose chars are bytes (U+0000-U+00FF). */
    enum Utf16 {
        LE, BE, BOM_LE;

        static final String BOM = "\u00FF\u00FE";

        String encode(String text, boolean first) {
            byte[] b = text.getBytes(this == BE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            StringBuilder sb = new StringBuilder(b.length + 2);
            if (this == BOM_LE && first) {
                sb.append(BOM);
            }
            for (byte x : b) {
                sb.append((char) (x & 0xff));
            }
            return sb.toString();
        }

        static byte[] toBytes(String s) {
            byte[] out = new byte[s.length()];
            for (int i = 0; i < s.length(); i++) {
                out[i] = (byte) s.charAt(i);
            }
            return out;
        }
    }
}
