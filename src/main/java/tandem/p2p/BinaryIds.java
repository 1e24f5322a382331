package tandem.p2p;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * WebTorrent trackers carry 20-byte ids (info_hash, peer_id) as 20-character strings, one char per
 * byte (latin-1). This converts them to and from hex and refuses anything else.
 */
public final class BinaryIds {
    private BinaryIds() {}

    /** Hex of a 20-char binary string, or null when it is not one. */
    public static String toHex(Object value) {
        if (!(value instanceof String s) || s.length() != 20) return null;
        for (int i = 0; i < 20; i++) if (s.charAt(i) > 0xff) return null;
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static String fromHex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }
}
