package io.sigmaengine.engine.model;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network parsed strictly (no host names, no host bits set), and the address parser used to test
 * event values against it. Addresses are compared as numbers, never as text.
 */
public final class CidrNetwork {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private CidrNetwork(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address/prefix} (the prefix may be omitted for a single address).
     *
     * @throws IllegalArgumentException with a readable reason if the text is not a valid network
     */
    public static CidrNetwork parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = parseAddress(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 network");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + max + " bits");
            }
        }
        for (int bit = prefix; bit < max; bit++) {
            if ((bytes[bit >> 3] & (0x80 >> (bit & 7))) != 0) {
                throw new IllegalArgumentException("'" + text + "' has host bits set (write the network address, e.g. "
                        + formatNetwork(bytes, prefix) + ")");
            }
        }
        return new CidrNetwork(bytes, prefix, t);
    }

    private static String formatNetwork(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit >> 3] &= (byte) ~(0x80 >> (bit & 7));
        }
        if (masked.length == 4) {
            return (masked[0] & 0xff) + "." + (masked[1] & 0xff) + "." + (masked[2] & 0xff) + "." + (masked[3] & 0xff)
                    + "/" + prefix;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((masked[i] & 0xff) << 8) | (masked[i + 1] & 0xff)));
        }
        return sb.append('/').append(prefix).toString();
    }

    /** Whether {@code address} (text) is an address inside this network; unparseable text is not. */
    public boolean contains(CharSequence address) {
        byte[] a = parseAddress(address);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefix >> 3;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rem = prefix & 7;
        if (rem == 0) {
            return true;
        }
        int mask = (0xff << (8 - rem)) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    /**
     * Parses a dotted-quad IPv4 or an IPv6 address (with {@code ::} compression, an embedded IPv4 tail, and an
     * optional {@code %zone} which is ignored). Returns {@code null} for anything else, including host names and
     * IPv4 parts with leading zeros (ambiguous: octal in some parsers).
     */
    public static byte[] parseAddress(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return null;
        }
        boolean colon = false;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == ':') {
                colon = true;
                break;
            }
        }
        return colon ? parseV6(s) : parseV4(s, 0, n);
    }

    private static byte[] parseV4(CharSequence s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] parseV6(CharSequence s) {
        int n = s.length();
        int pct = -1;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '%') {
                pct = i;
                break;
            }
        }
        int end = pct >= 0 ? pct : n;
        int[] groups = new int[8];
        int count = 0;
        int doubleColonAt = -1;
        int i = 0;
        if (end >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            doubleColonAt = 0;
            i = 2;
            if (i == end) {
                return new byte[16];
            }
        } else if (end > 0 && s.charAt(0) == ':') {
            return null;
        }
        byte[] v4 = null;
        while (i < end) {
            int start = i;
            int v = 0;
            while (i < end && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < end && s.charAt(i) == '.') {
                // Embedded IPv4 tail, e.g. ::ffff:10.0.0.1
                v4 = parseV4(s, start, end);
                if (v4 == null || count > 6) {
                    return null;
                }
                i = end;
                break;
            }
            if (i == start || count >= 8) {
                return null;
            }
            groups[count++] = v;
            if (i == end) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < end && s.charAt(i) == ':') {
                if (doubleColonAt >= 0) {
                    return null;
                }
                doubleColonAt = count;
                i++;
                if (i == end) {
                    break;
                }
            } else if (i == end) {
                return null;
            }
        }
        int total = count + (v4 != null ? 2 : 0);
        if (v4 != null) {
            groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        if (doubleColonAt < 0 && total != 8) {
            return null;
        }
        if (doubleColonAt >= 0 && total > 7) {
            return null;
        }
        int[] full = new int[8];
        if (doubleColonAt >= 0) {
            int tail = count - doubleColonAt;
            System.arraycopy(groups, 0, full, 0, doubleColonAt);
            System.arraycopy(groups, doubleColonAt, full, 8 - tail, tail);
        } else {
            System.arraycopy(groups, 0, full, 0, 8);
        }
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (full[g] >> 8);
            out[2 * g + 1] = (byte) full[g];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrNetwork c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
