package io.sigmaengine.engine.yaml;

import io.sigmaengine.engine.yaml.YScalar.Type;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Types scalars exactly as PyYAML's {@code SafeLoader} does: its YAML 1.1 implicit resolver for untagged plain
 * scalars and its {@code SafeConstructor} for the values. pySigma reads rules with PyYAML, so this is what a rule
 * value means; SnakeYAML's own resolver differs (it makes {@code 1e3} a float, for one).
 */
final class ScalarResolver {

    static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    // PyYAML's regexes, verbatim apart from Python's verbose-mode whitespace and the ^...$ anchors (matches()).
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
    /** SafeConstructor's timestamp pattern, which decides whether an explicit {@code !!timestamp} is valid. */
    private static final Pattern TIMESTAMP_VALUE = Pattern.compile(
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?");
    /** What Python's {@code float()} accepts after SafeConstructor has removed '_', the sign and upper case. */
    private static final Pattern DECIMAL = Pattern.compile("(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:e[-+]?[0-9]+)?");

    // The bool and null resolvers are lists of literal words: a set lookup is the same test, only cheaper.
    private static final Set<String> BOOL_WORDS = Set.of(
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final Set<String> NULL_WORDS = Set.of("null", "Null", "NULL");

    private ScalarResolver() {
    }

    /**
     * The type PyYAML's resolver gives an untagged plain scalar. Like PyYAML, only the resolvers registered for the
     * first character are tried, in registration order (bool, float, int, merge, null, timestamp, value).
     * {@code <<} (merge) and {@code =} (value) come back as strings; the caller handles merge keys.
     */
    static Type implicitType(String v) {
        if (v.isEmpty()) {
            return Type.NULL;
        }
        switch (v.charAt(0)) {
            case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O':
                if (BOOL_WORDS.contains(v)) {
                    return Type.BOOL;
                }
                return NULL_WORDS.contains(v) ? Type.NULL : Type.STRING;
            case '~':
                return v.length() == 1 ? Type.NULL : Type.STRING;
            case '.':
                return FLOAT.matcher(v).matches() ? Type.FLOAT : Type.STRING;
            case '-', '+':
                if (FLOAT.matcher(v).matches()) {
                    return Type.FLOAT;
                }
                return INT.matcher(v).matches() ? Type.INT : Type.STRING;
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                if (FLOAT.matcher(v).matches()) {
                    return Type.FLOAT;
                }
                if (INT.matcher(v).matches()) {
                    return Type.INT;
                }
                return TIMESTAMP.matcher(v).matches() ? Type.TIMESTAMP : Type.STRING;
            default:
                return Type.STRING;
        }
    }

    /** The scalar type an explicit standard tag asks for, or {@code null} if the tag is not a scalar tag. */
    static Type tagType(String tag) {
        if (!tag.startsWith(YAML_TAG_PREFIX)) {
            return null;
        }
        return switch (tag.substring(YAML_TAG_PREFIX.length())) {
            case "str" -> Type.STRING;
            case "int" -> Type.INT;
            case "float" -> Type.FLOAT;
            case "bool" -> Type.BOOL;
            case "null" -> Type.NULL;
            case "timestamp" -> Type.TIMESTAMP;
            default -> null;
        };
    }

    /** {@code !!int} for a standard tag, the tag itself otherwise. */
    static String displayTag(String tag) {
        return tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : tag;
    }

    /**
     * The scalar as SafeConstructor builds it for the given type, or {@code null} if the text is not a value of
     * that type (for untagged scalars this only happens where PyYAML fails too, e.g. {@code 0b_}).
     */
    static YScalar construct(Type type, int line, int column, String text, boolean quoted) {
        Object value = switch (type) {
            case STRING, TIMESTAMP -> text;
            case NULL -> null;
            case INT -> toInt(text);
            case FLOAT -> toFloat(text);
            case BOOL -> toBool(text);
        };
        if (value == null && type != Type.NULL
                || type == Type.TIMESTAMP && !TIMESTAMP_VALUE.matcher(text).matches()) {
            return null;
        }
        return new YScalar(line, column, type, value, text, quoted);
    }

    private static Boolean toBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on" -> Boolean.TRUE;
            case "no", "false", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** SafeConstructor.construct_yaml_int: Long, or BigInteger when it does not fit; null if not an int. */
    private static Number toInt(String text) {
        String v = text.replace("_", "");
        if (v.isEmpty()) {
            return null;
        }
        boolean negative = v.charAt(0) == '-';
        if (negative || v.charAt(0) == '+') {
            v = v.substring(1);
        }
        if (v.equals("0")) {
            return 0L;
        } else if (v.startsWith("0b")) {
            return parseInt(v.substring(2), 2, negative);
        } else if (v.startsWith("0x")) {
            return parseInt(v.substring(2), 16, negative);
        } else if (v.startsWith("0")) {
            return parseInt(v, 8, negative);
        } else if (v.indexOf(':') >= 0) {
            BigInteger sum = BigInteger.ZERO;
            BigInteger sixty = BigInteger.valueOf(60);
            for (String part : v.split(":", -1)) {
                if (!isDigits(part, 10)) {
                    return null;
                }
                sum = sum.multiply(sixty).add(new BigInteger(part));
            }
            return normalize(negative ? sum.negate() : sum);
        }
        return parseInt(v, 10, negative);
    }

    private static Number parseInt(String digits, int radix, boolean negative) {
        if (!isDigits(digits, radix)) {
            return null;
        }
        try {
            long n = Long.parseLong(digits, radix);
            return negative ? -n : n;
        } catch (NumberFormatException tooBig) {
            BigInteger n = new BigInteger(digits, radix);
            return normalize(negative ? n.negate() : n);
        }
    }

    private static Number normalize(BigInteger n) {
        return n.bitLength() < 64 ? (Number) n.longValue() : n;
    }

    /** Non-empty and only ASCII digits of the radix (Java's parsers would also take other Unicode digits). */
    private static boolean isDigits(String s, int radix) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : Integer.MAX_VALUE;
            if (d >= radix) {
                return false;
            }
        }
        return true;
    }

    /** SafeConstructor.construct_yaml_float; null if not a float. */
    private static Double toFloat(String text) {
        String v = text.replace("_", "").toLowerCase(Locale.ROOT);
        boolean negative = v.startsWith("-");
        if (negative || v.startsWith("+")) {
            v = v.substring(1);
        }
        double sign = negative ? -1.0 : 1.0;
        switch (v) {
            case ".inf", "inf", "infinity":
                return sign * Double.POSITIVE_INFINITY;
            case ".nan", "nan":
                return Double.NaN;
            default:
                break;
        }
        if (v.indexOf(':') >= 0) {
            // Base 60, summed from the last part up as PyYAML does, so rounding is the same.
            String[] parts = v.split(":", -1);
            double sum = 0.0;
            double base = 1.0;
            for (int i = parts.length - 1; i >= 0; i--) {
                if (!DECIMAL.matcher(parts[i]).matches()) {
                    return null;
                }
                sum += Double.parseDouble(parts[i]) * base;
                base *= 60;
            }
            return sign * sum;
        }
        return DECIMAL.matcher(v).matches() ? sign * Double.parseDouble(v) : null;
    }
}
