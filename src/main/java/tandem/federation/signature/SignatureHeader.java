package tandem.federation.signature;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a draft-cavage {@code Signature} header. The header is attacker-controlled, so
 * parsing is strict: {@code name="value"} pairs (or bare tokens, as {@code created=123}), separated by
 * commas, no duplicates, and keyId plus signature present.
 *
 * @param algorithm null when the sender left it out
 * @param headers the signed header names in order, lower case
 * @param created the {@code created} parameter in epoch seconds, or null
 * @param expires the {@code expires} parameter in epoch seconds, or null
 */
public record SignatureHeader(String keyId, String algorithm, List<String> headers, String signature,
                              Long created, Long expires) {

    public SignatureHeader {
        headers = List.copyOf(headers);
    }

    /** Parses the value of a {@code Signature} header (without an {@code Authorization: Signature } prefix). */
    public static SignatureHeader parse(String raw) {
        Map<String, String> params = new Params(raw).parse();
        String keyId = required(params, "keyId");
        String signature = required(params, "signature");
        // draft-cavage: without a headers parameter only (created) is signed; our required-header check then rejects it.
        String headerList = params.getOrDefault("headers", "(created)").strip().toLowerCase(Locale.ROOT);
        List<String> headers = headerList.isEmpty() ? List.of() : Arrays.asList(headerList.split("\\s+"));
        return new SignatureHeader(keyId, params.get("algorithm"), headers, signature,
                epochSeconds(params, "created"), epochSeconds(params, "expires"));
    }

    /** Formats the header as PeerTube and Mastodon send it. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("keyId=\"").append(keyId).append('"');
        if (algorithm != null) {
            out.append(",algorithm=\"").append(algorithm).append('"');
        }
        if (created != null) {
            out.append(",created=").append(created);
        }
        if (expires != null) {
            out.append(",expires=").append(expires);
        }
        out.append(",headers=\"").append(String.join(" ", headers)).append('"');
        out.append(",signature=\"").append(signature).append('"');
        return out.toString();
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new SignatureException("malformed Signature header: missing " + name);
        }
        return value;
    }

    private static Long epochSeconds(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            // Some signers send fractional seconds; the integer part is what the draft defines.
            int dot = value.indexOf('.');
            return Long.parseLong(dot < 0 ? value : value.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new SignatureException("malformed Signature header: " + name + " is not a number", e);
        }
    }

    /** A small cursor over the header text. */
    private static final class Params {
        private final String s;
        private int i;

        Params(String s) {
            this.s = s == null ? "" : s;
        }

        Map<String, String> parse() {
            Map<String, String> out = new HashMap<>();
            skipSpaces();
            if (i == s.length()) {
                throw malformed("empty");
            }
            while (true) {
                String name = token();
                if (name.isEmpty()) {
                    throw malformed("expected a parameter name at position " + i);
                }
                skipSpaces();
                if (i == s.length() || s.charAt(i) != '=') {
                    throw malformed("expected '=' after " + name);
                }
                i++;
                skipSpaces();
                String value = i < s.length() && s.charAt(i) == '"' ? quoted(name) : token();
                if (out.put(name, value) != null) {
                    throw malformed("duplicate parameter " + name);
                }
                skipSpaces();
                if (i == s.length()) {
                    return out;
                }
                if (s.charAt(i) != ',') {
                    throw malformed("expected ',' after the value of " + name);
                }
                i++;
                skipSpaces();
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted(String name) {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
            throw malformed("unterminated quoted value of " + name);
        }

        private void skipSpaces() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }

        private static SignatureException malformed(String why) {
            return new SignatureException("malformed Signature header: " + why);
        }
    }
}
