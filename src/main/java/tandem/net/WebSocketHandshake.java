package tandem.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTTP/1.1 upgrade request that opens a tracker WebSocket (RFC 6455 section 4): finds the
 * request head, checks it and answers either 101 Switching Protocols or an error response.
 * No extensions are offered and Origin is not required.
 */
public final class WebSocketHandshake {
    public static final String PATH = "/tracker/socket";
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 8 * 1024;

    private WebSocketHandshake() {
    }

    /**
     * What to send for a request head: the 101 response and where the frames after the head
     * start, or an error response after which the socket is closed.
     */
    public record Reply(byte[] response, boolean upgrades, int framesAt) {
    }

    /** The reply to the request head at the start of buf[0, len), or null while it is incomplete and within the limit. */
    public static Reply reply(byte[] buf, int len) {
        int end = -1;
        for (int i = 3; i < len; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) return len > MAX_HEAD ? reject(431, "Request Header Fields Too Large") : null;
        if (end > MAX_HEAD) return reject(431, "Request Header Fields Too Large");
        String[] lines = new String(buf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3 || !start[0].equals("GET") || !start[2].equals("HTTP/1.1")) return reject(400, "Bad Request");
        String path = start[1].contains("?") ? start[1].substring(0, start[1].indexOf('?')) : start[1];
        if (!path.equals(PATH)) return reject(404, "Not Found");
        String upgrade = null, connection = null, version = null, wsKey = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-version" -> version = value;
                case "sec-websocket-key" -> wsKey = value;
                default -> { }
            }
        }
        if (upgrade == null || !hasToken(upgrade, "websocket") || connection == null || !hasToken(connection, "upgrade")) {
            return reject(426, "Upgrade Required");
        }
        if (!"13".equals(version)) return reject(426, "Upgrade Required");
        if (!validKey(wsKey)) return reject(400, "Bad Request");
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept(wsKey) + "\r\n\r\n";
        return new Reply(response.getBytes(StandardCharsets.ISO_8859_1), true, end);
    }

    /** A plain-text error response; a 426 names the version we speak so the client can retry with it. */
    private static Reply reject(int status, String reason) {
        String body = status + " " + reason + "\n";
        String extra = status == 426 ? "Sec-WebSocket-Version: 13\r\n" : "";
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n" + extra + "\r\n" + body;
        return new Reply(head.getBytes(StandardCharsets.ISO_8859_1), false, -1);
    }

    public static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean validKey(String key) {
        if (key == null) return false;
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String t : header.split(",")) if (t.trim().equalsIgnoreCase(token)) return true;
        return false;
    }
}
