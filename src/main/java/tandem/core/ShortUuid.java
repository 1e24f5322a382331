package tandem.core;

import java.math.BigInteger;
import java.util.UUID;

/** PeerTube's short form of a UUID: the 128-bit value in base58 (Flickr alphabet), padded to 22 chars. */
public final class ShortUuid {
    private static final String ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    public static final int LENGTH = 22;

    private ShortUuid() {}

    public static String encode(UUID uuid) {
        BigInteger n = new BigInteger(uuid.toString().replace("-", ""), 16);
        StringBuilder sb = new StringBuilder();
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        while (sb.length() < LENGTH) sb.append(ALPHABET.charAt(0));
        return sb.reverse().toString();
    }

    /** Short form of a UUID given in its canonical text form. */
    public static String encode(String uuid) {
        return encode(UUID.fromString(uuid));
    }

    /** Returns the UUID, or null when the text is not a valid short UUID. */
    public static UUID decode(String text) {
        if (text == null || text.length() != LENGTH) return null;
        BigInteger n = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int d = ALPHABET.indexOf(c);
            if (d < 0) return null;
            n = n.multiply(BASE).add(BigInteger.valueOf(d));
        }
        if (n.bitLength() > 128) return null;
        String hex = String.format("%032x", n);
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }
}
