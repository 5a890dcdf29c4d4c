package io.sigmaengine.engine.yaml;

import io.sigmaengine.api.Limits;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a YAML stream safely into {@link YNode} trees with 1-based positions, typed exactly as PyYAML's
 * {@code SafeLoader} (which pySigma uses) types them.
 *
 * <p>What comes back:
 * <ul>
 * <li><b>Documents.</b> A stream of only comments and blank lines has no documents. An explicit {@code ---} with
 *     no content gives a document whose root is {@code null} and whose start line is the {@code ---} line. Otherwise
 *     {@link YamlDocument#startLine()} is the line of the root node. Any root is returned (mapping, sequence or
 *     scalar); rejecting non-mappings is the caller's business.</li>
 * <li><b>Errors.</b> Reading stops at the first error, which comes back in {@link YamlStream#error()} with a
 *     code (see the constants of {@link YamlException}) and a 1-based position. Documents completed before the
 *     error are returned; the document containing it is not. These methods never throw for bad input.</li>
 * <li><b>Scalars.</b> Untagged plain scalars are typed by PyYAML's YAML 1.1 resolver ({@code 1e3} is a string,
 *     {@code 0x17} an int, {@code yes} a bool, {@code 2024-01-01} a timestamp kept as text); quoted and block
 *     scalars are strings. Explicit tags {@code !!str !!int !!float !!bool !!null !!timestamp !!map !!seq} convert
 *     the value to that type ({@code yaml-bad-value} if it is not one); every other tag is refused
 *     ({@code yaml-unsupported-tag}), so no object is ever built from a tag.</li>
 * <li><b>Mappings.</b> Keys are the scalar's text ({@code 1: x} has key {@code "1"}); a collection key is an error
 *     ({@code yaml-complex-key}), as is a key repeated in one mapping ({@code duplicate-key}, at the second one).
 *     Merge keys {@code <<: *a} and {@code <<: [*a, *b]} work as in PyYAML: the mapping's own keys win, and in a
 *     list the earlier mapping wins.</li>
 * <li><b>Anchors.</b> An alias returns the anchored node itself (same object, same position). As in PyYAML,
 *     anchors are per document and naming two nodes alike is an error; unlike PyYAML, an alias inside its own
 *     anchored node is refused ({@code yaml-recursive-alias}) rather than building a cyclic structure.</li>
 * <li><b>Limits</b> ({@code yaml-limit}): the size of the input ({@link Limits#maxRuleFileBytes()}, in bytes for
 *     bytes and in chars for text), alias references in the whole stream ({@link Limits#maxYamlAliases()}), nesting
 *     of collections ({@link Limits#maxYamlDepth()}, the root being level 1) and nodes in the whole stream
 *     ({@link Limits#maxYamlNodes()}, keys included); for the last two an alias counts as a copy of its node, so
 *     alias bombs fail fast and the trees handed out are never deeper or larger than the limits allow. Reading
 *     uses no recursion, so no input can overflow the stack.</li>
 * </ul>
 *
 * <p>Thread-safe: the class holds no mutable state.
 */
public final class YamlReader {

    // Only the parser is used (see TreeBuilder), and it reads no option but these two.
    private static final LoaderOptions OPTIONS = new LoaderOptions();

    static {
        OPTIONS.setProcessComments(false);
        OPTIONS.setCodePointLimit(Integer.MAX_VALUE); // size is checked against Limits before parsing
    }

    private YamlReader() {
    }

    /**
     * Reads every document of a YAML stream. Never throws for bad input: errors come back in
     * {@link YamlStream#error()}.
     *
     * @param sourceName names the input for the caller's diagnostics; error messages carry positions only, never
     *                   the name, so a caller can prefix its own location
     * @param text       the YAML text; a leading byte order mark is ignored
     * @param limits     the limits to enforce; the size limit applies to {@code text.length()}
     */
    public static YamlStream read(String sourceName, String text, Limits limits) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(limits, "limits");
        if (text.length() > limits.maxRuleFileBytes()) {
            return failed(sizeLimit(text.length() + " characters", limits));
        }
        return parse(text, limits);
    }

    /**
     * Same from bytes: strict UTF-8 (a UTF-8 byte order mark is skipped; invalid UTF-8 is a {@code yaml-encoding}
     * error at the line and column where it occurs), its size checked against {@link Limits#maxRuleFileBytes()}
     * before decoding.
     */
    public static YamlStream read(String sourceName, byte[] utf8, Limits limits) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(limits, "limits");
        if (utf8.length > limits.maxRuleFileBytes()) {
            return failed(sizeLimit(utf8.length + " bytes", limits));
        }
        String text;
        try {
            text = decodeUtf8(utf8);
        } catch (YamlException e) {
            return failed(e);
        }
        return parse(text, limits);
    }

    private static YamlStream parse(String text, Limits limits) {
        List<YamlDocument> documents = new ArrayList<>();
        try {
            new TreeBuilder(new ParserImpl(new StreamReader(text), OPTIONS), limits).readStream(documents);
            return new YamlStream(documents, null);
        } catch (YamlException e) {
            return new YamlStream(documents, e);
        } catch (MarkedYAMLException e) {
            return new YamlStream(documents, syntaxError(e));
        } catch (ReaderException e) {
            int[] at = position(text, e.getPosition());
            return new YamlStream(documents, new YamlException(YamlException.SYNTAX, String.format(
                    "character U+%04X is not allowed: %s", e.getCodePoint(), e.getMessage()), at[0], at[1]));
        } catch (NumberFormatException e) {
            // SnakeYAML 2 reads the hex digits of an escape (backslash x, u or U) cut off by the end of the input as an
            // empty number instead of reporting the end of the stream.
            int[] at = position(text, text.codePointCount(0, text.length()));
            return new YamlStream(documents, new YamlException(YamlException.SYNTAX,
                    "the input ends inside the escape sequence of a double-quoted string", at[0], at[1]));
        } catch (YAMLException e) {
            // Not expected with these options (the reader cannot fail on a String); kept so read() never throws.
            return new YamlStream(documents, new YamlException(YamlException.SYNTAX, e.getMessage(), 0, 0));
        }
    }

    private static YamlStream failed(YamlException e) {
        return new YamlStream(List.of(), e);
    }

    private static YamlException sizeLimit(String size, Limits limits) {
        return new YamlException(YamlException.LIMIT, TreeBuilder.limitMessage("input of " + size,
                "maxRuleFileBytes", limits.maxRuleFileBytes()), 1, 1);
    }

    /** SnakeYAML's problem and context, without its multi-line snippet. */
    private static YamlException syntaxError(MarkedYAMLException e) {
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder message = new StringBuilder(e.getProblem() != null ? e.getProblem().strip() : "invalid YAML");
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext().strip());
            Mark context = e.getContextMark();
            if (context != null) {
                message.append(" started at line ").append(context.getLine() + 1)
                        .append(", column ").append(context.getColumn() + 1);
            }
            message.append(')');
        }
        return at == null
                ? new YamlException(YamlException.SYNTAX, message.toString(), 0, 0)
                : new YamlException(YamlException.SYNTAX, message.toString(), at.getLine() + 1, at.getColumn() + 1);
    }

    private static String decodeUtf8(byte[] bytes) throws YamlException {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start); // UTF-8 never gives more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            int[] at = position(out, Character.codePointCount(out, 0, out.length()));
            throw new YamlException(YamlException.ENCODING, String.format("invalid UTF-8: byte 0x%02X at offset %d",
                    bytes[in.position()] & 0xFF, in.position()), at[0], at[1]);
        }
        return out.toString();
    }

    /**
     * The 1-based line and column of the code point at index {@code codePoints} (or of the end of the text), counted
     * as SnakeYAML's reader counts them for marks: code points, not chars, and a byte order mark takes no column.
     */
    private static int[] position(CharSequence text, int codePoints) {
        int line = 1;
        int column = 1;
        int i = 0;
        for (int n = 0; n < codePoints && i < text.length(); n++) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                    || c == '\r' && i < text.length() && text.charAt(i) != '\n';
            if (lineBreak) {
                line++;
                column = 1;
            } else if (c != '\uFEFF') {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
