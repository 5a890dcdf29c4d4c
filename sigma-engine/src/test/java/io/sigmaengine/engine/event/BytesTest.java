package io.sigmaengine.engine.event;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-at-a-time search agrees with a plain loop, at every offset and for every byte value around it. */
class BytesTest {

    private static int naive(byte[] b, int i, int end, char... targets) {
        for (; i < end; i++) {
            for (char t : targets) {
                if (b[i] == (byte) t) {
                    return i;
                }
            }
        }
        return end;
    }

    @Property(tries = 3000)
    void findAgreesWithALoop(@ForAll("bytes") byte[] b, @ForAll int fromSeed, @ForAll int endSeed) {
        int end = b.length == 0 ? 0 : Math.floorMod(endSeed, b.length + 1);
        int from = end == 0 ? 0 : Math.floorMod(fromSeed, end + 1);
        assertEquals(naive(b, from, end, '\n'), Bytes.find(b, from, end, Bytes.pattern('\n')));
        assertEquals(naive(b, from, end, '"', '\\', '\n'),
                Bytes.find(b, from, end, Bytes.pattern('"'), Bytes.pattern('\\'), Bytes.pattern('\n')));
        assertEquals(naive(b, from, end, '"', '{', '}', '\n'), Bytes.find(b, from, end,
                Bytes.pattern('"'), Bytes.pattern('{'), Bytes.pattern('}'), Bytes.pattern('\n')));
    }

    /** Mostly neighbours of the searched values (off by one bit or by one), which is where SWAR tricks go wrong. */
    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                        Arbitraries.of((byte) '\n', (byte) 0x0B, (byte) 0x09, (byte) 0x8A, (byte) '"', (byte) '#',
                                (byte) '!', (byte) '\\', (byte) '{', (byte) '}', (byte) '|', (byte) 0x00, (byte) 0x01,
                                (byte) 0x80, (byte) 0xFF, (byte) 0xA2, (byte) 0xDC),
                        Arbitraries.bytes())
                .array(byte[].class).ofMaxSize(40);
    }
}
