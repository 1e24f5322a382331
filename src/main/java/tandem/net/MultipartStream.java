package tandem.net;

import tandem.core.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming multipart/form-data reader: parts are read one after another straight from the
 * socket, so a multi-gigabyte video never sits in memory.
 */
public final class MultipartStream {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[256 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;

    /** The headers of one part; its body is read with {@link #body()} before asking for the next part. */
    public record PartHeaders(String name, String fileName, String contentType) {}

    public MultipartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The body starts with "--boundary" and no CRLF: pretend there was one so every delimiter looks alike.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    public static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) return null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9);
                if (b.startsWith("\"") && b.endsWith("\"") && b.length() > 1) b = b.substring(1, b.length() - 1);
                return b.isEmpty() || b.length() > 200 ? null : b;
            }
        }
        return null;
    }

    /** Advances to the next part; null at the closing delimiter. */
    public PartHeaders next() throws IOException {
        if (finished) return null;
        // Skip whatever is left of the previous part (or the preamble).
        InputStream rest = body();
        rest.transferTo(OutputStreamNull.INSTANCE);
        skipDelimiter();
        ensure(2);
        if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        if (limit - pos >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
        } else {
            throw malformed();
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.getOrDefault("content-disposition", "");
        return new PartHeaders(param(disposition, "name"), param(disposition, "filename"), headers.get("content-type"));
    }

    /** The current part's bytes, ending just before the next delimiter. */
    public InputStream body() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    int d = indexOfDelimiter();
                    if (d == pos) return -1;
                    int available = d >= 0 ? d - pos : limit - pos - (delimiter.length - 1);
                    if (available > 0) {
                        int n = Math.min(len, available);
                        System.arraycopy(buf, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                    if (eof) throw malformed();
                    fill();
                }
            }
        };
    }

    private void skipDelimiter() throws IOException {
        ensure(delimiter.length);
        if (indexOfDelimiter() != pos) throw malformed();
        pos += delimiter.length;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            while (true) {
                ensure(1);
                if (pos >= limit) throw malformed();
                byte c = buf[pos++];
                if (++total > MAX_HEADER_BYTES) throw new Problem(400, null, "Multipart part headers are too large");
                if (c == '\n') break;
                if (c != '\r') line.append((char) (c & 0xff));
            }
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(":");
            if (colon > 0) {
                String value = new String(line.substring(colon + 1).trim().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), value);
            }
        }
    }

    static String param(String header, String name) {
        for (String p : header.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private void ensure(int n) throws IOException {
        while (limit - pos < n && !eof) fill();
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) eof = true;
        else limit += n;
    }

    private static Problem malformed() {
        return new Problem(400, null, "Malformed or truncated multipart body");
    }

    /** Discards bytes. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
