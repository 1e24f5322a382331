package tandem.net;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.x request head as the fast paths read it: request line and headers (names in lower
 * case, the last of a repeated header wins), nothing decoded beyond that.
 */
public record RequestHead(String method, String target, String version, Map<String, String> headers) {

    /** Parses the bytes before the blank line; null when the request line is malformed. */
    public static RequestHead parse(byte[] buf, int from, int end) {
        String text = new String(buf, from, end - from, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.")) return null;
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new RequestHead(start[0], start[1], start[2], headers);
    }

    /** Where the blank line ending a head starts in buf[from, to), or -1. */
    public static int end(byte[] buf, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') return i;
        }
        return -1;
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** Whether the client lets the connection carry another request (HTTP/1.1 unless `close`, 1.0 only with `keep-alive`). */
    public boolean keepAlive() {
        return version.equals("HTTP/1.1") ? !"close".equalsIgnoreCase(headers.get("connection"))
                : "keep-alive".equalsIgnoreCase(headers.get("connection"));
    }

    /** Whether a body follows the head (a length above 0 or any transfer coding). */
    public boolean hasBody() {
        String length = headers.get("content-length");
        return length != null && !length.equals("0") || headers.containsKey("transfer-encoding");
    }

    /** The path, percent-decoded (a `+` stays a `+`), without the query. */
    public String path() {
        int q = target.indexOf('?');
        String raw = q >= 0 ? target.substring(0, q) : target;
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The query string without its `?`, or null. */
    public String query() {
        int q = target.indexOf('?');
        return q >= 0 ? target.substring(q + 1) : null;
    }
}
