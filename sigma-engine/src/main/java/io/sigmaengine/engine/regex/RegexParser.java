package io.sigmaengine.engine.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the syntax RE2/J 1.8 accepts in its default (Perl) mode into a {@link RegexNode}. It follows RE2/J's parser
 * token by token, including its quirks, so that it accepts and rejects exactly the same patterns: a repetition
 * applies to the last single character, group or class; a repetition operator may not follow another one (nor a
 * {@code {} that turned out to be a literal); {@code {} is a literal when no valid count follows; {@code $}
 * without {@code (?m)} matches only at the very end of the text; any escaped code point other than an ASCII letter
 * or digit stands for itself. What it cannot reproduce exactly is reported as unsupported rather than guessed.
 */
final class RegexParser {

    /** Flags of RE2/J's {@code Pattern}, which {@code Pattern.compile} turns into a {@code (?m)(?s)(?i)} prefix. */
    static final int CASE_INSENSITIVE = 1;
    static final int DOTALL = 2;
    static final int MULTILINE = 4;

    private static final int FOLD_CASE = 1;
    private static final int DOT_NL = 2;
    private static final int ONE_LINE = 4;

    /** RE2's limit on repetition counts. */
    private static final int MAX_REPEAT = 1000;

    private static final CodePointSet DIGIT = CodePointSet.of('0', '9');
    private static final CodePointSet SPACE = CodePointSet.ofRanges('\t', '\n', '\f', '\r', ' ', ' ');
    private static final CodePointSet WORD = CodePointSet.ofRanges('0', '9', 'A', 'Z', '_', '_', 'a', 'z');
    private static final Map<Character, CodePointSet> PERL_CLASSES = Map.of('d', DIGIT, 's', SPACE, 'w', WORD);
    private static final Map<String, CodePointSet> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", CodePointSet.ofRanges('0', '9', 'A', 'Z', 'a', 'z')),
            Map.entry("alpha", CodePointSet.ofRanges('A', 'Z', 'a', 'z')),
            Map.entry("ascii", CodePointSet.of(0, 0x7F)),
            Map.entry("blank", CodePointSet.ofRanges('\t', '\t', ' ', ' ')),
            Map.entry("cntrl", CodePointSet.ofRanges(0, 0x1F, 0x7F, 0x7F)),
            Map.entry("digit", DIGIT),
            Map.entry("graph", CodePointSet.of('!', '~')),
            Map.entry("lower", CodePointSet.of('a', 'z')),
            Map.entry("print", CodePointSet.of(' ', '~')),
            Map.entry("punct", CodePointSet.ofRanges('!', '/', ':', '@', '[', '`', '{', '~')),
            Map.entry("space", CodePointSet.ofRanges('\t', '\r', ' ', ' ')),
            Map.entry("upper", CodePointSet.of('A', 'Z')),
            Map.entry("word", WORD),
            Map.entry("xdigit", CodePointSet.ofRanges('0', '9', 'A', 'F', 'a', 'f')));

    /** An open group (or the whole pattern): finished alternatives and the items of the current one. */
    private static final class Group {
        final int flagsBefore;
        final List<RegexNode> alternatives = new ArrayList<>();
        List<RegexNode> items = new ArrayList<>();

        Group(int flagsBefore) {
            this.flagsBefore = flagsBefore;
        }

        RegexNode node() {
            alternatives.add(concat(items));
            return alternatives.size() == 1 ? alternatives.get(0) : new RegexNode.Alternation(alternatives);
        }

        private static RegexNode concat(List<RegexNode> items) {
            return items.size() == 1 ? items.get(0) : new RegexNode.Concat(items);
        }
    }

    private final String re;
    private int pos;
    private int flags;
    private Group group;
    private final Deque<Group> outer = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    /**
     * Cased letters as RE2/J stores them in case-sensitive and in case-insensitive single-letter literals. RE2/J
     * 1.8 compares such literals without their case flag when it factors alternations ({@code K.|(?i)k.} becomes
     * {@code K(?:.|(?i).)}), so a pattern with both kinds of the same letter and a '|' is left to RE2/J.
     */
    private final Set<Integer> casedLiterals = new HashSet<>();
    private final Set<Integer> foldedLiterals = new HashSet<>();
    private boolean alternation;

    private RegexParser(String re, int patternFlags) {
        this.re = re;
        this.flags = ONE_LINE;
        if ((patternFlags & CASE_INSENSITIVE) != 0) {
            flags |= FOLD_CASE;
        }
        if ((patternFlags & DOTALL) != 0) {
            flags |= DOT_NL;
        }
        if ((patternFlags & MULTILINE) != 0) {
            flags &= ~ONE_LINE;
        }
        this.group = new Group(flags);
    }

    /** Parses {@code re} as {@code com.google.re2j.Pattern.compile(re, patternFlags)} would. */
    static RegexNode parse(String re, int patternFlags) throws UnsupportedRegexException {
        if ((patternFlags & ~(CASE_INSENSITIVE | DOTALL | MULTILINE)) != 0) {
            throw UnsupportedRegexException.unsupported("pattern flags " + patternFlags);
        }
        return new RegexParser(re, patternFlags).parse();
    }

    private RegexNode parse() throws UnsupportedRegexException {
        boolean afterRepeat = false;
        while (more()) {
            boolean repeat = false;
            int c = re.codePointAt(pos);
            switch (c) {
                case '(' -> {
                    if (re.startsWith("(?", pos)) {
                        perlGroup();
                    } else {
                        pos++;
                        open(flags);
                    }
                }
                case '|' -> {
                    pos++;
                    alternation = true;
                    group.alternatives.add(Group.concat(group.items));
                    group.items = new ArrayList<>();
                }
                case ')' -> {
                    pos++;
                    close();
                }
                case '^' -> {
                    pos++;
                    add(new RegexNode.Assertion((flags & ONE_LINE) != 0 ? Context.BEGIN_TEXT : Context.BEGIN_LINE));
                }
                case '$' -> {
                    pos++;
                    add(new RegexNode.Assertion((flags & ONE_LINE) != 0 ? Context.END_TEXT : Context.END_LINE));
                }
                case '.' -> {
                    pos++;
                    add(new RegexNode.Chars((flags & DOT_NL) != 0 ? CodePointSet.ALL : CodePointSet.ALL_BUT_NEWLINE));
                }
                case '[' -> {
                    CodePointSet set = charClass();
                    noteLiteral(set);
                    add(chars(set));
                }
                case '*', '+', '?' -> {
                    repeat = true;
                    pos++;
                    repeat(c == '+' ? 1 : 0, c == '?' ? 1 : -1, afterRepeat);
                }
                case '{' -> {
                    // Even when '{' turns out to be a literal, RE2/J counts it as a repetition operator.
                    repeat = true;
                    int start = pos;
                    int[] count = repeatCount();
                    if (count == null) {
                        pos = start + 1;
                        literal('{');
                    } else {
                        repeat(count[0], count[1], afterRepeat);
                    }
                }
                case '\\' -> escape();
                default -> {
                    pos += Character.charCount(c);
                    literal(c);
                }
            }
            afterRepeat = repeat;
        }
        if (!outer.isEmpty()) {
            throw UnsupportedRegexException.syntax("missing closing )");
        }
        if (alternation) {
            for (int c : casedLiterals) {
                if (foldedLiterals.contains(c)) {
                    throw UnsupportedRegexException.unsupported(String.format("alternatives with U+%04X both as a "
                            + "case-sensitive and a case-insensitive literal, which RE2/J can merge wrongly", c));
                }
            }
        }
        return group.node();
    }

    private boolean more() {
        return pos < re.length();
    }

    private void add(RegexNode node) {
        group.items.add(node);
    }

    private void open(int flagsBefore) {
        outer.push(group);
        group = new Group(flagsBefore);
    }

    private void close() throws UnsupportedRegexException {
        if (outer.isEmpty()) {
            throw UnsupportedRegexException.syntax("unexpected )");
        }
        RegexNode node = group.node();
        flags = group.flagsBefore;
        group = outer.pop();
        add(node);
    }

    /** Applies a repetition to the last item. Pre: after the operator; post: after an optional lazy '?'. */
    private void repeat(int min, int max, boolean afterRepeat) throws UnsupportedRegexException {
        if (more() && re.charAt(pos) == '?') {
            pos++; // laziness changes which match is found, not whether there is one
        }
        if (afterRepeat) {
            throw UnsupportedRegexException.syntax("invalid nested repetition operator");
        }
        List<RegexNode> items = group.items;
        if (items.isEmpty()) {
            throw UnsupportedRegexException.syntax("missing argument to repetition operator");
        }
        items.set(items.size() - 1, new RegexNode.Repeat(items.get(items.size() - 1), min, max));
    }

    /**
     * Parses {@code {min}}, {@code {min,}} or {@code {min,max}} at '{'. Returns {@code null} (position undefined)
     * when the text has another form, so the '{' is a literal; throws when the form is right but a count is not.
     */
    private int[] repeatCount() throws UnsupportedRegexException {
        pos++;
        int min = decimal();
        if (min == -1 || !more()) {
            return null;
        }
        int max;
        if (re.charAt(pos) != ',') {
            max = min;
        } else {
            pos++;
            if (!more()) {
                return null;
            }
            if (re.charAt(pos) == '}') {
                max = -1;
            } else if ((max = decimal()) == -1) {
                return null;
            }
        }
        if (!more() || re.charAt(pos) != '}') {
            return null;
        }
        pos++;
        if (min < 0 || min > MAX_REPEAT || max == -2 || max > MAX_REPEAT || max >= 0 && min > max) {
            throw UnsupportedRegexException.syntax("invalid repeat count");
        }
        return new int[] {min, max};
    }

    /** A decimal number without leading zeros; -1 if there is none, -2 if it has more than 8 digits. */
    private int decimal() {
        int start = pos;
        while (more() && re.charAt(pos) >= '0' && re.charAt(pos) <= '9') {
            pos++;
        }
        int len = pos - start;
        if (len == 0 || len > 1 && re.charAt(start) == '0') {
            return -1;
        }
        return len > 8 ? -2 : Integer.parseInt(re, start, pos, 10);
    }

    /** Flags, a non-capturing group or a named group, at "(?". */
    private void perlGroup() throws UnsupportedRegexException {
        if (re.startsWith("(?P<", pos) || re.startsWith("(?<", pos)) {
            int begin = pos + (re.charAt(pos + 2) == 'P' ? 4 : 3);
            int end = re.indexOf('>', begin);
            if (end < 0) {
                throw UnsupportedRegexException.syntax("invalid named capture");
            }
            String name = re.substring(begin, end);
            if (!validGroupName(name) || !names.add(name)) {
                throw UnsupportedRegexException.syntax("invalid or duplicate named capture");
            }
            pos = end + 1;
            open(flags);
            return;
        }
        pos += 2;
        int f = flags;
        boolean negated = false;
        boolean sawFlag = false;
        while (more()) {
            int c = re.codePointAt(pos);
            pos += Character.charCount(c);
            switch (c) {
                case 'i' -> {
                    f = negated ? f & ~FOLD_CASE : f | FOLD_CASE;
                    sawFlag = true;
                }
                case 'm' -> {
                    f = negated ? f | ONE_LINE : f & ~ONE_LINE;
                    sawFlag = true;
                }
                case 's' -> {
                    f = negated ? f & ~DOT_NL : f | DOT_NL;
                    sawFlag = true;
                }
                case 'U' -> sawFlag = true; // ungreedy: does not change whether there is a match
                case '-' -> {
                    if (negated) {
                        throw UnsupportedRegexException.syntax("invalid or unsupported Perl syntax");
                    }
                    negated = true;
                    sawFlag = false;
                }
                case ':', ')' -> {
                    if (negated && !sawFlag) {
                        throw UnsupportedRegexException.syntax("invalid or unsupported Perl syntax");
                    }
                    if (c == ':') {
                        open(flags);
                    }
                    flags = f;
                    return;
                }
                default -> throw UnsupportedRegexException.syntax("invalid or unsupported Perl syntax");
            }
        }
        throw UnsupportedRegexException.syntax("invalid or unsupported Perl syntax");
    }

    private static boolean validGroupName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && !isAsciiAlnum(c)) {
                return false;
            }
        }
        return true;
    }

    /** An escape outside a class, at '\'. */
    private void escape() throws UnsupportedRegexException {
        int start = pos;
        if (pos + 1 < re.length()) {
            switch (re.charAt(pos + 1)) {
                case 'A' -> {
                    pos += 2;
                    add(new RegexNode.Assertion(Context.BEGIN_TEXT));
                    return;
                }
                case 'z' -> {
                    pos += 2;
                    add(new RegexNode.Assertion(Context.END_TEXT));
                    return;
                }
                case 'b' -> {
                    pos += 2;
                    add(new RegexNode.Assertion(Context.WORD_BOUNDARY));
                    return;
                }
                case 'B' -> {
                    pos += 2;
                    add(new RegexNode.Assertion(Context.NO_WORD_BOUNDARY));
                    return;
                }
                case 'C' -> throw UnsupportedRegexException.syntax("invalid escape sequence \\C");
                case 'Q' -> {
                    quoted();
                    return;
                }
                case 'p', 'P' -> throw UnsupportedRegexException.unsupported(
                        "Unicode character classes (\\p, \\P), whose tables differ between RE2/J and Java");
                default -> {
                }
            }
        }
        CodePointSet perl = perlClass();
        if (perl != null) {
            add(chars(perl));
            return;
        }
        pos = start;
        literal(singleEscape());
    }

    /** {@code \Q...\E}: everything up to {@code \E} (or the end) is literal. */
    private void quoted() throws UnsupportedRegexException {
        pos += 2;
        int end = re.indexOf("\\E", pos);
        String text = end < 0 ? re.substring(pos) : re.substring(pos, end);
        pos += text.length() + 2;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            literal(c);
            i += Character.charCount(c);
        }
    }

    /** {@code \d \s \w} or their negations at '\' (advancing past it), else {@code null} (position undefined). */
    private CodePointSet perlClass() throws UnsupportedRegexException {
        if (pos + 1 >= re.length()) {
            return null;
        }
        char c = re.charAt(pos + 1);
        CodePointSet set = PERL_CLASSES.get(Character.toLowerCase(c));
        if (set == null || c > 'z') {
            return null;
        }
        pos += 2;
        return group(set, Character.isUpperCase(c));
    }

    /** A Perl or POSIX group as RE2/J adds it: folded first when case-insensitive, then negated. */
    private CodePointSet group(CodePointSet set, boolean negated) throws UnsupportedRegexException {
        CodePointSet s = (flags & FOLD_CASE) != 0 ? set.folded() : set;
        return negated ? s.complement() : s;
    }

    /**
     * A one-character escape (at '\'): octal (a single digit 1-7 is a backreference, which RE2 rejects), hex,
     * C escapes, or any code point other than an ASCII letter or digit, which stands for itself.
     */
    private int singleEscape() throws UnsupportedRegexException {
        pos++;
        if (!more()) {
            throw UnsupportedRegexException.syntax("trailing backslash at end of expression");
        }
        int c = re.codePointAt(pos);
        pos += Character.charCount(c);
        switch (c) {
            case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                if (c != '0' && !(more() && isOctal(re.charAt(pos)))) {
                    break;
                }
                int r = c - '0';
                for (int i = 1; i < 3 && more() && isOctal(re.charAt(pos)); i++) {
                    r = r * 8 + re.charAt(pos++) - '0';
                }
                return r;
            }
            case 'x' -> {
                int r = hexEscape();
                if (r >= 0) {
                    return r;
                }
            }
            case 'a' -> {
                return 7;
            }
            case 'f' -> {
                return '\f';
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'v' -> {
                return 11;
            }
            default -> {
                if (!isAsciiAlnum(c)) {
                    return c;
                }
            }
        }
        throw UnsupportedRegexException.syntax("invalid escape sequence");
    }

    /** The code point of {@code \xHH} or {@code \x{H...}} after the 'x', or -1 if malformed. */
    private int hexEscape() {
        if (!more()) {
            return -1;
        }
        int c = re.codePointAt(pos);
        pos += Character.charCount(c);
        if (c == '{') {
            int digits = 0;
            int r = 0;
            while (true) {
                if (!more()) {
                    return -1;
                }
                c = re.codePointAt(pos);
                pos += Character.charCount(c);
                if (c == '}') {
                    return digits == 0 ? -1 : r;
                }
                int v = Character.digit(c, 16);
                if (v < 0 || c > 'f') {
                    return -1;
                }
                r = r * 16 + v;
                if (r > CodePointSet.MAX_CODE_POINT) {
                    return -1;
                }
                digits++;
            }
        }
        int x = c > 'f' ? -1 : Character.digit(c, 16);
        if (!more()) {
            return -1;
        }
        c = re.codePointAt(pos);
        pos += Character.charCount(c);
        int y = c > 'f' ? -1 : Character.digit(c, 16);
        return x < 0 || y < 0 ? -1 : x * 16 + y;
    }

    /** A bracketed class, at '['. */
    private CodePointSet charClass() throws UnsupportedRegexException {
        pos++;
        boolean negated = false;
        if (more() && re.charAt(pos) == '^') {
            negated = true; // in Perl mode a negated class matches \n unless it names it
            pos++;
        }
        CodePointSet.Builder b = new CodePointSet.Builder();
        boolean first = true; // ']' right after '[' or '[^' is a member
        while (!more() || re.charAt(pos) != ']' || first) {
            first = false;
            int before = pos;
            if (re.startsWith("[:", pos)) {
                int end = re.indexOf(":]", pos);
                if (end >= 0) {
                    // RE2/J takes everything up to the first ":]", even "[:]", as the name.
                    String name = re.substring(pos, end + 2);
                    String bare = name.length() < 4 ? "" : name.substring(2, name.length() - 2);
                    boolean neg = bare.startsWith("^");
                    CodePointSet posix = POSIX_CLASSES.get(neg ? bare.substring(1) : bare);
                    if (posix == null) {
                        throw UnsupportedRegexException.syntax("invalid character class range " + name);
                    }
                    pos = end + 2;
                    b.addAll(group(posix, neg));
                    continue;
                }
            }
            if (re.startsWith("\\p", pos) || re.startsWith("\\P", pos)) {
                throw UnsupportedRegexException.unsupported(
                        "Unicode character classes (\\p, \\P), whose tables differ between RE2/J and Java");
            }
            if (more() && re.charAt(pos) == '\\') {
                CodePointSet perl = perlClass();
                if (perl != null) {
                    b.addAll(perl);
                    continue;
                }
                pos = before;
            }
            int lo = classChar();
            int hi = lo;
            if (more() && re.charAt(pos) == '-') {
                pos++;
                if (more() && re.charAt(pos) == ']') {
                    pos--; // [a-] is 'a' and '-'
                } else {
                    hi = classChar();
                    if (hi < lo) {
                        throw UnsupportedRegexException.syntax("invalid character class range");
                    }
                }
            }
            if ((flags & FOLD_CASE) != 0) {
                b.addFolded(lo, hi);
            } else {
                b.add(lo, hi);
            }
        }
        pos++;
        CodePointSet set = b.build();
        return negated ? set.complement() : set;
    }

    private int classChar() throws UnsupportedRegexException {
        if (!more()) {
            throw UnsupportedRegexException.syntax("missing closing ]");
        }
        if (re.charAt(pos) == '\\') {
            return singleEscape();
        }
        int c = re.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    /** Records a bracketed class that RE2/J turns into a literal: one code point, or a two-letter case class. */
    private void noteLiteral(CodePointSet set) {
        if (set.rangeCount() == 0) {
            return;
        }
        int single = set.single();
        if (single >= 0) {
            if (CaseFolding.simpleFold(single) != single) {
                casedLiterals.add(single);
            }
            return;
        }
        int a = set.lo(0);
        int b = set.rangeCount() == 2 && set.lo(1) == set.hi(1) && set.hi(0) == a ? set.lo(1)
                : set.rangeCount() == 1 && set.hi(0) == a + 1 ? a + 1 : -1;
        if (b >= 0 && CaseFolding.simpleFold(a) == b && CaseFolding.simpleFold(b) == a) {
            foldedLiterals.add(a);
        }
    }

    private void literal(int c) throws UnsupportedRegexException {
        CodePointSet set;
        if ((flags & FOLD_CASE) == 0) {
            set = CodePointSet.of(c, c);
            if (CaseFolding.simpleFold(c) != c) {
                casedLiterals.add(c);
            }
        } else {
            if (c > CaseFolding.MAX_FOLD && CaseFolding.simpleFold(c) != c) {
                // RE2/J folds such a letter alone but not once it merges it into a class (as in "x|y").
                throw UnsupportedRegexException.unsupported(String.format(
                        "case-insensitive U+%04X, which RE2/J folds inconsistently", c));
            }
            CodePointSet.Builder b = new CodePointSet.Builder();
            int[] orbit = CaseFolding.orbit(c);
            for (int f : orbit) {
                b.add(f, f);
            }
            set = b.build();
            if (orbit.length > 1) {
                // RE2/J stores the smallest member (beyond MAX_FOLD, c itself; such letters are refused above).
                foldedLiterals.add(set.lo(0));
            }
        }
        add(chars(set));
    }

    private static RegexNode chars(CodePointSet set) throws UnsupportedRegexException {
        int single = set.single();
        if (single >= Character.MIN_SURROGATE && single <= Character.MAX_SURROGATE) {
            // RE2/J may search for such a literal with String.indexOf and then start inside a surrogate pair.
            throw UnsupportedRegexException.unsupported(String.format("a lone surrogate U+%04X", single));
        }
        return new RegexNode.Chars(set);
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isAsciiAlnum(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
