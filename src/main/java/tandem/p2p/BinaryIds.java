package tandem.p2p;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * WebTorrent trackers carry 20-byte ids (info_hash, peer_id) as 20-character strings, one char per
 * byte (latin-1). This converts them to and from hex and refuses anything else.
 */
public final class BinaryIds {
    private BinaryIds() {}

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** Hex of a 20-char binary string, or null when it is not one. */
    public static String toHex(Object value) {
        if (!isBinaryId(value)) return null;
        String s = (String) value;
        char[] hex = new char[40];
        for (int i = 0; i < 20; i++) {
            char c = s.charAt(i);
            hex[2 * i] = DIGITS[c >> 4];
            hex[2 * i + 1] = DIGITS[c & 0xf];
        }
        return new String(hex);
    }

    /** Whether it is a 20-char string of chars up to 0xff, i.e. 20 bytes. */
    public static boolean isBinaryId(Object value) {
        if (!(value instanceof String s) || s.length() != 20) return false;
        for (int i = 0; i < 20; i++) if (s.charAt(i) > 0xff) return false;
        return true;
    }

    public static String fromHex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }
}
