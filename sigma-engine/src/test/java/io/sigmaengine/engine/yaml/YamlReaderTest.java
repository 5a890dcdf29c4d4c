package io.sigmaengine.engine.yaml;

import static io.sigmaengine.engine.yaml.Yamls.assertPosition;
import static io.sigmaengine.engine.yaml.Yamls.error;
import static io.sigmaengine.engine.yaml.Yamls.map;
import static io.sigmaengine.engine.yaml.Yamls.read;
import static io.sigmaengine.engine.yaml.Yamls.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmaengine.api.Limits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static final String RULE = """
            title: Suspicious Use
            id: 5f3c8e1a-0000-4000-8000-000000000001
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\cmd.exe'
                    CommandLine|contains:
                        - ' /c '
                        - ' /k '
                condition: selection
            level: high
            """;

    private static String text(YNode node) {
        return assertInstanceOf(YScalar.class, node).text();
    }

    @Nested
    class Positions {

        @Test
        void nestedKeysAndValues() {
            YMap rule = map(RULE);
            assertPosition(1, 1, rule);
            YMap.Entry detection = rule.entry("detection");
            assertEquals(6, detection.keyLine());
            assertEquals(1, detection.keyColumn());
            YMap detectionMap = (YMap) detection.value();
            assertPosition(7, 5, detectionMap);
            YMap selection = (YMap) detectionMap.get("selection");
            assertPosition(8, 9, selection);
            YMap.Entry image = selection.entry("Image|endswith");
            assertEquals(8, image.keyLine());
            assertEquals(9, image.keyColumn());
            assertPosition(8, 25, image.value());
            assertEquals("\\cmd.exe", text(image.value()));
            YList contains = (YList) selection.get("CommandLine|contains");
            assertPosition(10, 13, contains);
            assertPosition(10, 15, contains.get(0));
            assertPosition(11, 15, contains.get(1));
            assertPosition(12, 16, detectionMap.get("condition"));
            assertEquals(List.of("title", "id", "logsource", "detection", "level"), rule.keys());
        }

        @Test
        void flowCollections() {
            YMap m = map("a: [x, {b: 1, c: [2, 3]}]\n");
            YList list = (YList) m.get("a");
            assertPosition(1, 4, list);
            assertPosition(1, 5, list.get(0));
            YMap inner = (YMap) list.get(1);
            assertPosition(1, 8, inner);
            assertEquals(15, inner.entry("c").keyColumn());
            assertPosition(1, 22, ((YList) inner.get("c")).get(1));
        }

        @Test
        void nodeWithAnchorOrTagStartsThere() {
            YMap m = map("a: &x 5\nb: !!str 6\n");
            assertPosition(1, 4, m.get("a"));
            assertPosition(2, 4, m.get("b"));
        }

        @Test
        void columnsCountCodePointsAndIgnoreTheByteOrderMark() {
            YMap m = map("\uFEFFk: '\uD83D\uDE00' \nx: [\u00e9, \uD83D\uDE00, z]\n");
            assertPosition(1, 1, m);
            YList list = (YList) m.get("x");
            assertPosition(2, 11, list.get(2));
        }

        @Test
        void documentStartLines() {
            YamlStream s = read("""
                    # a comment
                    title: one
                    ---
                    title: two
                    ---

                    # leading comment
                    title: three
                    --- [a]
                    """);
            assertNull(s.error());
            assertEquals(List.of(2, 4, 8, 9), s.documents().stream().map(YamlDocument::startLine).toList());
            assertEquals("three", text(((YMap) s.documents().get(2).root()).get("title")));
            assertInstanceOf(YList.class, s.documents().get(3).root());
        }
    }

    @Nested
    class Documents {

        @Test
        void emptyOrCommentOnlyStreamHasNoDocuments() {
            for (String text : new String[] {"", "\n\n", "# only a comment\n# and another\n"}) {
                YamlStream s = read(text);
                assertNull(s.error(), text);
                assertEquals(0, s.documents().size(), text);
            }
        }

        @Test
        void explicitEmptyDocumentHasNullRootAtItsMarkerLine() {
            YamlStream s = read("a: 1\n---\n# nothing\n---\nb: 2\n");
            assertNull(s.error());
            assertEquals(3, s.documents().size());
            assertNull(s.documents().get(1).root());
            assertEquals(2, s.documents().get(1).startLine());
            YamlStream only = read("---\n");
            assertNull(only.documents().get(0).root());
            assertEquals(1, only.documents().get(0).startLine());
        }

        @Test
        void explicitNullIsANullScalarNotAnEmptyDocument() {
            YScalar s = assertInstanceOf(YScalar.class, root("--- ~\n"));
            assertTrue(s.isNull());
        }

        @Test
        void nonMappingRootsAreReturned() {
            assertEquals(2, assertInstanceOf(YList.class, root("- a\n- b\n")).size());
            assertEquals("just text", text(root("just text\n")));
        }

        @Test
        void syntaxErrorInThirdDocumentKeepsTheFirstTwo() {
            YamlStream s = read("""
                    title: one
                    ---
                    title: two
                    ---
                    title: three
                    detection: [unclosed
                    ---
                    title: four
                    """);
            YamlException e = error(s, YamlException.SYNTAX);
            assertEquals(2, s.documents().size());
            assertEquals("two", text(((YMap) s.documents().get(1).root()).get("title")));
            assertEquals(7, e.line());
            assertFalse(e.getMessage().contains("\n"), "no snippet in: " + e.getMessage());
        }

        @Test
        void syntaxErrorsHavePositionAndReadableMessage() {
            YamlException e = error("a: 1\nb: c: d\n", YamlException.SYNTAX);
            assertPosition(2, 5, e);
            assertEquals("mapping values are not allowed here", e.getMessage());

            e = error("a: 'unterminated\n", YamlException.SYNTAX);
            assertTrue(e.getMessage().contains("while scanning a quoted scalar started at line 1, column 4"),
                    e.getMessage());

            e = error("a:\n  - b\n c: d\n", YamlException.SYNTAX);
            assertEquals(3, e.line());
        }

        @Test
        void errorInLaterDocumentOfAnyKindKeepsEarlierDocuments() {
            YamlStream s = read("a: 1\n---\nb: 1\nb: 2\n");
            error(s, YamlException.DUPLICATE_KEY);
            assertEquals(1, s.documents().size());
        }

        @Test
        void disallowedCharacterIsASyntaxErrorWithPosition() {
            YamlException e = error("a: 1\nb: x\u0007y\n", YamlException.SYNTAX);
            assertPosition(2, 5, e);
            assertTrue(e.getMessage().contains("U+0007"), e.getMessage());
        }
    }

    @Nested
    class MergeKeys {

        @Test
        void mergeOneMappingWithOwnKeysWinning() {
            YMap m = map("""
                    base: &base
                        Image: a.exe
                        User: system
                    selection:
                        <<: *base
                        User: admin
                    """);
            YMap sel = (YMap) m.get("selection");
            assertEquals(List.of("Image", "User"), sel.keys());
            assertEquals("a.exe", text(sel.get("Image")));
            assertEquals("admin", text(sel.get("User")));
            assertEquals(6, sel.entry("User").keyLine());
            assertEquals(2, sel.entry("Image").keyLine());
        }

        @Test
        void ownKeyBeforeMergeStillWins() {
            YMap sel = (YMap) map("a: &a {x: 1, y: 2}\nb: {y: 3, <<: *a}\n").get("b");
            assertEquals(3L, ((YScalar) sel.get("y")).value());
            assertEquals(1L, ((YScalar) sel.get("x")).value());
            // PyYAML puts merged keys first
            assertEquals(List.of("x", "y"), sel.keys());
        }

        @Test
        void inAListTheEarlierMappingWins() {
            YMap m = map("""
                    a: &a {k: from-a, only-a: 1}
                    b: &b {k: from-b, only-b: 2}
                    c:
                        <<: [*a, *b]
                        own: 3
                    """);
            YMap c = (YMap) m.get("c");
            assertEquals("from-a", text(c.get("k")));
            // PyYAML's order: later list entries' keys first, then the earlier ones', then the mapping's own
            assertEquals(List.of("k", "only-b", "only-a", "own"), c.keys());
        }

        @Test
        void twoMergeKeysTheLaterWinsAsInPyYaml() {
            YMap c = (YMap) map("a: &a {k: 1}\nb: &b {k: 2}\nc:\n  <<: *a\n  <<: *b\n").get("c");
            assertEquals(2L, ((YScalar) c.get("k")).value());
        }

        @Test
        void inlineAndNestedMerges() {
            YMap m = map("""
                    a: &a {x: 1}
                    b: &b {<<: *a, y: 2}
                    c: {<<: *b, z: 3}
                    d: {<<: {w: 0}}
                    """);
            assertEquals(List.of("x", "y", "z"), ((YMap) m.get("c")).keys());
            assertEquals(List.of("w"), ((YMap) m.get("d")).keys());
        }

        @Test
        void quotedOrTaggedLessLessIsAnOrdinaryKey() {
            YMap m = map("'<<': 1\n");
            assertEquals(List.of("<<"), m.keys());
            assertEquals(List.of("<<"), map("!!str <<: 1\n").keys());
        }

        @Test
        void mergeValueMustBeMappingOrListOfMappings() {
            YamlException e = error("a: 1\nb:\n  <<: 5\n", YamlException.BAD_MERGE);
            assertPosition(3, 7, e);
            e = error("a: &a {x: 1}\nb:\n  <<: [*a, [1]]\n", YamlException.BAD_MERGE);
            assertPosition(3, 12, e);
            error("b:\n  <<:\n", YamlException.BAD_MERGE);
        }
    }

    @Nested
    class Keys {

        @Test
        void duplicateTopLevelKey() {
            YamlException e = error("title: a\nid: 1\ntitle: b\n", YamlException.DUPLICATE_KEY);
            assertPosition(3, 1, e);
            assertEquals("duplicate key 'title' (first at line 1, again at line 3)", e.getMessage());
        }

        @Test
        void duplicateKeyInASelection() {
            String rule = """
                    detection:
                        selection:
                            CommandLine|contains: foo
                            Image: x
                            CommandLine|contains: bar
                        condition: selection
                    """;
            YamlException e = error(rule, YamlException.DUPLICATE_KEY);
            assertPosition(5, 9, e);
            assertTrue(e.getMessage().contains("'CommandLine|contains'"), e.getMessage());
            assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("line 5"), e.getMessage());
        }

        @Test
        void duplicateKeyInFlowMappingAndByText() {
            error("a: {x: 1, x: 2}\n", YamlException.DUPLICATE_KEY);
            // keys are compared as text: 1 and '1' are the same key
            error("1: a\n'1': b\n", YamlException.DUPLICATE_KEY);
        }

        @Test
        void sameKeyInDifferentMappingsIsFine() {
            YMap m = map("a: {x: 1}\nb: {x: 2}\nx: 3\n");
            assertEquals(3, m.size());
        }

        @Test
        void collectionKeysAreErrors() {
            assertPosition(1, 3, error("? [a, b]\n: c\n", YamlException.COMPLEX_KEY));
            assertPosition(1, 2, error("{{a: 1}: x}\n", YamlException.COMPLEX_KEY));
            assertPosition(1, 1, error("[a]: x\n", YamlException.COMPLEX_KEY));
            assertPosition(2, 1, error("a: &m {x: 1}\n*m : y\n", YamlException.COMPLEX_KEY));
        }

        @Test
        void aliasToScalarCanBeAKey() {
            YMap m = map("a: &k name\n*k : v\n");
            assertEquals(List.of("a", "name"), m.keys());
            assertEquals(2, m.entry("name").keyLine());
        }
    }

    @Nested
    class Anchors {

        @Test
        void aliasSharesTheAnchoredNode() {
            YMap m = map("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n");
            assertSame(m.get("a"), m.get("b"));
            assertSame(m.get("c"), m.get("d"));
        }

        @Test
        void undefinedAliasIsASyntaxError() {
            assertPosition(1, 4, error("a: *nope\n", YamlException.SYNTAX));
        }

        @Test
        void anchorsArePerDocument() {
            YamlStream s = read("a: &x 1\n---\nb: *x\n");
            error(s, YamlException.SYNTAX);
            assertEquals(1, s.documents().size());
        }

        @Test
        void duplicateAnchorIsRefusedLikePyYaml() {
            YamlException e = error("a: &x 1\nb: &x 2\n", YamlException.SYNTAX);
            assertPosition(2, 4, e);
            assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        }
    }

    @Nested
    class Tags {

        @Test
        void unsafeAndUnknownTagsAreRefusedWithTagAndPosition() {
            String[][] cases = {
                    {"a: !!python/object:os.system x\n", "!!python/object:os.system"},
                    {"a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"},
                    {"a: !!python/name:os.system\n", "!!python/name:os.system"},
                    {"a: !!javax.script.ScriptEngineManager [x]\n", "!!javax.script.ScriptEngineManager"},
                    {"a: !foo bar\n", "!foo"},
                    {"a: !!binary aGVsbG8=\n", "!!binary"},
                    {"a: !!set {x, y}\n", "!!set"},
                    {"a: !!omap [x: 1]\n", "!!omap"},
                    {"a: !!pairs [x: 1]\n", "!!pairs"},
                    {"a: !!merge <<\n", "!!merge"},
                    {"a: !<tag:example.com,2000:x> 1\n", "tag:example.com,2000:x"},
            };
            for (String[] c : cases) {
                YamlException e = error(c[0], YamlException.UNSUPPORTED_TAG);
                assertPosition(1, 4, e);
                assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            }
        }

        @Test
        void tagDirectiveCannotSmuggleATag() {
            YamlException e = error("%TAG !e! tag:yaml.org,2002:python/\n---\na: !e!object:os.system x\n",
                    YamlException.UNSUPPORTED_TAG);
            assertPosition(3, 4, e);
        }

        @Test
        void standardCollectionTags() {
            YMap m = map("a: !!map {x: 1}\nb: !!seq [1]\nc: ! [2]\n");
            assertInstanceOf(YMap.class, m.get("a"));
            assertInstanceOf(YList.class, m.get("b"));
            assertInstanceOf(YList.class, m.get("c"));
            error("a: !!seq {x: 1}\n", YamlException.BAD_VALUE);
            error("a: !!map [1]\n", YamlException.BAD_VALUE);
            error("a: !!str [1]\n", YamlException.BAD_VALUE);
            error("a: !!int {x: 1}\n", YamlException.BAD_VALUE);
            error("a: !!map x\n", YamlException.UNSUPPORTED_TAG);
        }
    }

    @Nested
    class Encoding {

        private static byte[] bytes(Object... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object p : parts) {
                if (p instanceof String s) {
                    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write((Integer) p);
                }
            }
            return out.toByteArray();
        }

        private static YamlStream read(byte[] bytes) {
            return YamlReader.read("test.yml", bytes, Limits.defaults());
        }

        @Test
        void invalidUtf8IsAnErrorAtItsLineAndColumn() {
            YamlException e = error(read(bytes("a: 1\nb: \u00e9", 0xC3, 0x28, "\n")), YamlException.ENCODING);
            assertPosition(2, 5, e);
            assertTrue(e.getMessage().contains("0xC3") && e.getMessage().contains("offset 10"), e.getMessage());
        }

        @Test
        void otherInvalidSequences() {
            int[][] bad = {{0xFF}, {0xC0, 0xAF}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0x80}};
            for (int[] seq : bad) {
                Object[] parts = new Object[seq.length + 2];
                parts[0] = "x: ";
                for (int i = 0; i < seq.length; i++) {
                    parts[i + 1] = seq[i];
                }
                parts[parts.length - 1] = "\n";
                assertPosition(1, 4, error(read(bytes(parts)), YamlException.ENCODING));
            }
            assertPosition(1, 4, error(read(bytes("x: ", 0xE2, 0x82)), YamlException.ENCODING));
        }

        @Test
        void byteOrderMarkIsSkipped() {
            YamlStream s = read(bytes(0xEF, 0xBB, 0xBF, "title: t\nid: 1\n"));
            assertNull(s.error());
            YMap m = (YMap) s.documents().get(0).root();
            assertPosition(1, 1, m);
            assertEquals(List.of("title", "id"), m.keys());
            assertPosition(2, 5, m.get("id"));
        }

        @Test
        void bytesAndTextGiveTheSameTree() {
            YamlStream fromBytes = read(RULE.getBytes(StandardCharsets.UTF_8));
            YamlStream fromText = Yamls.read(RULE);
            assertNull(fromBytes.error());
            assertEquals(fromText.documents(), fromBytes.documents());
        }

        @Test
        void nonAsciiTextSurvives() {
            YamlStream s = read(bytes("t: \u00c4rger \u2013 \u65e5\u672c \uD83D\uDE00\n"));
            YMap m = (YMap) s.documents().get(0).root();
            assertEquals("\u00c4rger \u2013 \u65e5\u672c \uD83D\uDE00", text(m.get("t")));
        }
    }
}
