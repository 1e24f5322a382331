package tandem.federation.signature;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Encodes and decodes one PEM block with 64-character lines, naming the label it found when it is not the expected one. */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {}

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the block labelled {@code label}; a remote actor's key text is untrusted, so every failure says what was wrong. */
    static byte[] decode(String pem, String label) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("empty key: expected a PEM '" + label + "' block");
        }
        Matcher m = BLOCK.matcher(pem.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("not a PEM block: expected -----BEGIN " + label + "-----");
        }
        String found = m.group(1);
        if (!found.equals(label)) {
            throw new IllegalArgumentException("expected a PEM '" + label + "' block, got '" + found + "'" + hint(found));
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM '" + label + "' body is not valid base64", e);
        }
    }

    private static String hint(String found) {
        return switch (found) {
            case "RSA PUBLIC KEY" -> " (PKCS#1; we need SPKI, convert with: openssl rsa -RSAPublicKey_in -pubout)";
            case "RSA PRIVATE KEY" -> " (PKCS#1; we need PKCS#8, convert with: openssl pkcs8 -topk8 -nocrypt)";
            default -> "";
        };
    }
}
