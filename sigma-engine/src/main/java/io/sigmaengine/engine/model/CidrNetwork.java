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

    /** Per-thread scratch for parsing addresses, so testing an event value allocates nothing. */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][]{new byte[4],
            new byte[16]});

    /** Whether {@code address} (text) is an address inside this network; unparseable text is not. */
    public boolean contains(CharSequence address) {
        byte[][] scratch = SCRATCH.get();
        byte[] a = parseAddressInto(address, scratch[0], scratch[1]);
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
        return parseAddressInto(s, new byte[4], new byte[16]);
    }

    /** {@link #parseAddress} into caller-supplied arrays; returns one of them, or {@code null}. */
    private static byte[] parseAddressInto(CharSequence s, byte[] v4, byte[] v6) {
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
        return colon ? parseV6(s, v6, v4) : parseV4(s, 0, n, v4);
    }

    private static byte[] parseV4(CharSequence s, int from, int to, byte[] out) {
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

    private static byte[] parseV6(CharSequence s, byte[] out, byte[] v4scratch) {
        int n = s.length();
        int end = n;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == '%') {
                end = i; // a zone index (fe80::1%eth0) does not change the address
                break;
            }
        }
        java.util.Arrays.fill(out, (byte) 0);
        int count = 0;
        int doubleColonAt = -1;
        int i = 0;
        if (end >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            doubleColonAt = 0;
            i = 2;
            if (i == end) {
                return out;
            }
        } else if (end > 0 && s.charAt(0) == ':') {
            return null;
        }
        while (i < end) {
            int start = i;
            int v = 0;
            while (i < end && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < end && s.charAt(i) == '.') {
                // Embedded IPv4 tail, e.g. ::ffff:10.0.0.1: two more groups.
                if (count > 6 || parseV4(s, start, end, v4scratch) == null) {
                    return null;
                }
                System.arraycopy(v4scratch, 0, out, 2 * count, 4);
                count += 2;
                i = end;
                break;
            }
            if (i == start || count >= 8) {
                return null;
            }
            out[2 * count] = (byte) (v >> 8);
            out[2 * count + 1] = (byte) v;
            count++;
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
        if (doubleColonAt < 0) {
            return count == 8 ? out : null;
        }
        if (count > 7) {
            return null;
        }
        // Move the groups after '::' to the end and zero the gap.
        int tail = count - doubleColonAt;
        System.arraycopy(out, 2 * doubleColonAt, out, 16 - 2 * tail, 2 * tail);
        java.util.Arrays.fill(out, 2 * doubleColonAt, 16 - 2 * tail, (byte) 0);
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
