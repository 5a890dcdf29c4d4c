package io.sigmaengine.engine.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrNetworkTest {

    @Test
    void ipv4() {
        CidrNetwork n = CidrNetwork.parse("10.0.0.0/8");
        assertTrue(n.contains("10.1.2.3"));
        assertTrue(n.contains("10.255.255.255"));
        assertFalse(n.contains("11.0.0.1"));
        assertFalse(n.contains("10.0.0.256"));
        assertFalse(n.contains("10.1"));
        assertFalse(n.contains("010.1.2.3"));
        assertFalse(n.contains("::ffff:10.1.2.3"));
    }

    @Test
    void ipv6ComparesParsedAddresses() {
        CidrNetwork n = CidrNetwork.parse("fe80::/10");
        assertTrue(n.contains("FE80:0:0:0::1"));
        assertTrue(n.contains("fe80::abcd"));
        assertTrue(n.contains("fe80::1%eth0"));
        assertFalse(n.contains("fec0::1"));
        assertFalse(n.contains("10.0.0.1"));
        assertTrue(CidrNetwork.parse("::/0").contains("2001:db8::1"));
        assertTrue(CidrNetwork.parse("::ffff:0:0/96").contains("::ffff:10.0.0.1"));
    }

    @Test
    void malformedAddressesAreNotAddresses() {
        for (String s : new String[]{"", ":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "1.2.3.4.5",
                "localhost", "1:2:3:4:5:6:7:"}) {
            assertNull(CidrNetwork.parseAddress(s), s);
        }
    }

    @Test
    void hostBitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CidrNetwork.parse("10.0.0.1/8"));
        assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CidrNetwork.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> CidrNetwork.parse("nope/8"));
    }
}
