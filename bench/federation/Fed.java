import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the federation benchmarks share (bench/inbox.sh, bench/fanout.sh): RSA-2048 keys and SPKI PEM,
 * draft-cavage HTTP Signatures (sign and verify), actor documents, a small JSON reader and writer, a raw
 * HTTP/1.1 client (one request at a time per socket, keep-alive or not), and CPU readings from /proc.
 * Compiled together with InboxLoad.java and FanoutSink.java (javac bench/federation/*.java).
 *
 * <p>{@code java Fed.java selftest}: signs a request, checks it with {@link #verify} and that tampering
 * with the body, the date or the signature is caught; prints sign and verify rates on one core.
 */
public final class Fed {
    private Fed() {}

    public static final String AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    public static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US);

    // ---- keys ------------------------------------------------------------------------------

    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    // ---- HTTP Signatures (draft-cavage, as PeerTube and Mastodon use them) -----------------

    public static String now1123() {
        return RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    public static String digest(byte[] body) {
        try {
            return "SHA-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rsaSha256(PrivateKey key, String text) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signed POST of {@code body} to {@code url}, as raw HTTP/1.1 bytes, with Host, Date, Digest and
     * Signature over {@code (request-target) host date digest}. {@code extraHeaders} ("Name: value" lines,
     * unsigned) go before the body.
     */
    public static byte[] signedPost(URI url, byte[] body, String keyId, PrivateKey key, String date, String... extraHeaders) {
        String host = url.getRawAuthority();
        String path = url.getRawPath();
        String digest = digest(body);
        String signingString = "(request-target): post " + path + "\nhost: " + host + "\ndate: " + date + "\ndigest: " + digest;
        String signature = "keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\""
                + rsaSha256(key, signingString) + "\"";
        StringBuilder h = new StringBuilder(512 + body.length);
        h.append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Date: ").append(date).append("\r\n")
                .append("Digest: ").append(digest).append("\r\n")
                .append("Signature: ").append(signature).append("\r\n")
                .append("Content-Type: application/activity+json\r\n")
                .append("Accept: application/activity+json, application/ld+json\r\n")
                .append("User-Agent: tandem-bench\r\n");
        for (String x : extraHeaders) h.append(x).append("\r\n");
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    private static final Pattern SIG_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** The key=value pairs of a Signature header. */
    public static Map<String, String> signatureParams(String header) {
        Map<String, String> m = new LinkedHashMap<>();
        if (header == null) return m;
        Matcher x = SIG_PARAM.matcher(header);
        while (x.find()) m.put(x.group(1), x.group(2));
        return m;
    }

    /** The outcome of checking one request's Digest and Signature. */
    public record Check(boolean digestOk, boolean signatureOk, String keyId, String why) {}

    /**
     * Checks a received request: Digest against the raw body, then the Signature over the headers it
     * names, rebuilt from {@code headers} (lower-case names) and the method and path. {@code key} is the
     * signer's public key (the caller resolves keyId).
     */
    public static Check verify(String method, String path, Map<String, String> headers, byte[] body, PublicKey key) {
        Map<String, String> p = signatureParams(headers.get("signature"));
        String keyId = p.get("keyId");
        String dg = headers.get("digest");
        boolean digestOk = dg != null && dg.equals(digest(body));
        if (p.get("signature") == null || p.get("headers") == null) return new Check(digestOk, false, keyId, "no signature");
        StringBuilder s = new StringBuilder();
        for (String name : p.get("headers").split(" ")) {
            if (!s.isEmpty()) s.append('\n');
            if (name.equals("(request-target)")) {
                s.append("(request-target): ").append(method.toLowerCase(Locale.ROOT)).append(' ').append(path);
            } else {
                String v = headers.get(name);
                if (v == null) return new Check(digestOk, false, keyId, "signed header missing: " + name);
                s.append(name).append(": ").append(v);
            }
        }
        try {
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(key);
            v.update(s.toString().getBytes(StandardCharsets.UTF_8));
            boolean ok = v.verify(Base64.getDecoder().decode(p.get("signature")));
            return new Check(digestOk, ok, keyId, ok ? (digestOk ? "" : "digest mismatch") : "bad signature");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Check(digestOk, false, keyId, e.toString());
        }
    }

    // ---- actor documents ---------------------------------------------------------------------

    /** A remote actor document with the fields the contract asks for (SPKI PEM, RSA 2048). */
    public static String actorJson(String id, String type, String username, String inbox, String sharedInbox, String pem) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("@context", List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"));
        a.put("id", id);
        a.put("type", type);
        a.put("preferredUsername", username);
        a.put("name", username);
        a.put("url", id);
        a.put("inbox", inbox);
        a.put("outbox", id + "/outbox");
        a.put("followers", id + "/followers");
        a.put("following", id + "/following");
        a.put("endpoints", Map.of("sharedInbox", sharedInbox));
        a.put("publicKey", Map.of("id", id + "#main-key", "owner", id, "publicKeyPem", pem));
        return Json.write(a);
    }

    /** An empty OrderedCollection (outbox, followers, following of the fake actors). */
    public static String emptyCollection(String id) {
        return Json.write(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", id,
                "type", "OrderedCollection", "totalItems", 0, "orderedItems", List.of()));
    }

    // ---- raw HTTP/1.1 client -------------------------------------------------------------------

    /** A client connection: one request at a time, keep-alive unless the server closes. */
    public static final class Conn implements AutoCloseable {
        private final InetSocketAddress addr;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buf = new byte[16384];
        private int pos, lim;
        private boolean closeAfter;
        public String lastBody = "";

        public Conn(InetSocketAddress addr) {
            this.addr = addr;
        }

        /** Sends a complete request and returns the response status; reconnects once if a kept-alive socket was closed. */
        public int exchange(byte[] request) throws IOException {
            boolean fresh = socket == null;
            try {
                return once(request);
            } catch (IOException e) {
                close();
                if (fresh) throw e;
                return once(request);
            }
        }

        private int once(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(addr, 10_000);
                socket.setSoTimeout(60_000);
                in = socket.getInputStream();
                out = socket.getOutputStream();
                pos = lim = 0;
            }
            out.write(request);
            out.flush();
            String status = line();
            if (status == null) throw new IOException("connection closed before the status line");
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            closeAfter = status.startsWith("HTTP/1.0");
            for (String h; !(h = line()).isEmpty(); ) {
                int c = h.indexOf(':');
                if (c < 0) continue;
                String name = h.substring(0, c).trim().toLowerCase(Locale.ROOT), v = h.substring(c + 1).trim();
                if (name.equals("content-length")) length = Long.parseLong(v);
                else if (name.equals("transfer-encoding") && v.toLowerCase(Locale.ROOT).contains("chunked")) chunked = true;
                else if (name.equals("connection")) closeAfter = v.equalsIgnoreCase("close");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long n; (n = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; line()) copy(n, body);
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) {
                copy(length, body);
            } else if (code != 204 && code != 304) {
                copy(Long.MAX_VALUE, body);
                closeAfter = true;
            }
            lastBody = body.toString(StandardCharsets.UTF_8);
            if (closeAfter) close();
            return code;
        }

        private boolean fill() throws IOException {
            if (pos < lim) return true;
            pos = 0;
            lim = in.read(buf);
            if (lim <= 0) { lim = 0; return false; }
            return true;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            while (true) {
                if (!fill()) return s.isEmpty() ? null : s.toString();
                byte b = buf[pos++];
                if (b == '\n') break;
                if (b != '\r') s.append((char) b);
            }
            return s.toString();
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            while (n > 0) {
                if (!fill()) {
                    if (n == Long.MAX_VALUE) return;
                    throw new IOException("body cut short");
                }
                int k = (int) Math.min(n, lim - pos);
                if (to.size() < 65536) to.write(buf, pos, k);
                pos += k;
                n -= k;
            }
        }

        @Override
        public void close() {
            if (socket != null) try { socket.close(); } catch (IOException ignored) { }
            socket = null;
        }
    }

    /** Raw HTTP/1.1 GET request bytes. */
    public static byte[] get(URI url, String accept) {
        return ("GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " HTTP/1.1\r\nHost: "
                + url.getRawAuthority() + "\r\nAccept: " + accept + "\r\nUser-Agent: tandem-bench\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static InetSocketAddress address(URI url) {
        return new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
    }

    // ---- CPU -------------------------------------------------------------------------------------

    private static final double CLK_TCK = clockTicks();

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            return Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }

    /** utime+stime of a process (all threads) in seconds, from /proc/<pid>/stat; NaN if unreadable. */
    public static double procCpuSeconds(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** This JVM's CPU time in seconds. */
    public static double selfCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    // ---- tiny JSON ---------------------------------------------------------------------------------

    /** Reads JSON into Map (insertion order), List, String, Double, Boolean and null; writes them back. */
    public static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        public static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) throw new IllegalArgumentException("trailing data at " + j.i);
            return v;
        }

        @SuppressWarnings("unchecked")
        public static Map<String, Object> object(String s) {
            return (Map<String, Object>) parse(s);
        }

        /** A nested field by path ("object", "type"), or null. */
        public static Object at(Object root, String... path) {
            Object v = root;
            for (String k : path) {
                if (!(v instanceof Map<?, ?> m)) return null;
                v = m.get(k);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"' -> { return string(); }
                case 't' -> { lit("true"); return Boolean.TRUE; }
                case 'f' -> { lit("false"); return Boolean.FALSE; }
                case 'n' -> { lit("null"); return null; }
                default -> {
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    if (st == i) throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    return Double.parseDouble(s.substring(st, i));
                }
            }
        }

        private void lit(String w) {
            if (!s.startsWith(w, i)) throw new IllegalArgumentException("expected " + w + " at " + i);
            i += w.length();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected '" + c + "' at " + i);
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e);
                }
            }
        }

        public static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(v, b);
            return b.toString();
        }

        private static void write(Object v, StringBuilder b) {
            switch (v) {
                case null -> b.append("null");
                case String str -> quote(str, b);
                case Map<?, ?> m -> {
                    b.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> e : (m instanceof LinkedHashMap || m instanceof TreeMap ? m : new TreeMap<>(m)).entrySet()) {
                        if (!first) b.append(',');
                        first = false;
                        quote(String.valueOf(e.getKey()), b);
                        b.append(':');
                        write(e.getValue(), b);
                    }
                    b.append('}');
                }
                case Iterable<?> l -> {
                    b.append('[');
                    boolean first = true;
                    for (Object o : l) {
                        if (!first) b.append(',');
                        first = false;
                        write(o, b);
                    }
                    b.append(']');
                }
                case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> b.append(d.longValue());
                case Double d when d.isNaN() || d.isInfinite() -> b.append("null");
                default -> b.append(v);
            }
        }

        private static void quote(String s, StringBuilder b) {
            b.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                    }
                }
            }
            b.append('"');
        }
    }

    // ---- self-test ------------------------------------------------------------------------------------

    /** Rates of SHA256withRSA sign and verify on this thread, each timed for {@code seconds}. */
    public static double[] rsaRates(KeyPair kp, double seconds) throws GeneralSecurityException {
        byte[] msg = "(request-target): post /inbox\nhost: 127.0.0.1:9000\ndate: Thu, 01 Jan 2026 00:00:00 GMT\ndigest: SHA-256=x"
                .getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(kp.getPrivate());
        s.update(msg);
        byte[] sig = s.sign();
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int signs = 0;
        while (System.nanoTime() < end) {
            s.initSign(kp.getPrivate());
            s.update(msg);
            s.sign();
            signs++;
        }
        double signRate = signs / ((System.nanoTime() - t0) / 1e9);
        Signature v = Signature.getInstance("SHA256withRSA");
        int verifies = 0;
        t0 = System.nanoTime();
        end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            v.initVerify(kp.getPublic());
            v.update(msg);
            if (!v.verify(sig)) throw new IllegalStateException("verify failed");
            verifies++;
        }
        return new double[] {signRate, verifies / ((System.nanoTime() - t0) / 1e9)};
    }

    /** Splits raw request bytes into method, path, lower-case headers and body (for the self-test). */
    static Object[] parseRequest(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, end).split("\r\n");
        Map<String, String> h = new LinkedHashMap<>();
        for (int k = 1; k < lines.length; k++) {
            int c = lines[k].indexOf(':');
            h.put(lines[k].substring(0, c).toLowerCase(Locale.ROOT), lines[k].substring(c + 1).trim());
        }
        String[] first = lines[0].split(" ");
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Object[] {first[0], first[1], h, body};
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("selftest")) {
            System.err.println("usage: java Fed.java selftest");
            System.exit(2);
        }
        KeyPair kp = rsa2048(), other = rsa2048();
        PublicKey roundTrip = publicKeyFromPem(pem(kp.getPublic()));
        URI inbox = URI.create("http://127.0.0.1:9000/inbox");
        byte[] body = "{\"type\":\"Create\",\"content\":\"h\\u00e9llo \\\"x\\\"\"}".getBytes(StandardCharsets.UTF_8);
        byte[] raw = signedPost(inbox, body, "http://127.0.0.2:1/actors/0#main-key", kp.getPrivate(), now1123());
        Object[] r = parseRequest(raw);
        Map<String, String> h = (Map<String, String>) r[2];
        int fails = 0;
        fails += expect("valid request", verify((String) r[0], (String) r[1], h, (byte[]) r[3], roundTrip), true, true);
        byte[] tampered = ((byte[]) r[3]).clone();
        tampered[2] ^= 1;
        fails += expect("body changed", verify("POST", "/inbox", h, tampered, roundTrip), false, true);
        Map<String, String> h2 = new LinkedHashMap<>(h);
        h2.put("date", "Thu, 01 Jan 1970 00:00:00 GMT");
        fails += expect("date changed", verify("POST", "/inbox", h2, (byte[]) r[3], roundTrip), true, false);
        fails += expect("path changed", verify("POST", "/accounts/x/inbox", h, (byte[]) r[3], roundTrip), true, false);
        fails += expect("other key", verify("POST", "/inbox", h, (byte[]) r[3], other.getPublic()), true, false);
        Object parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        fails += check("json round trip", Json.write(parsed).equals("{\"type\":\"Create\",\"content\":\"h\u00e9llo \\\"x\\\"\"}"));
        System.out.println("signing string of the valid request:\n  (request-target): post /inbox\n  host: " + h.get("host")
                + "\n  date: " + h.get("date") + "\n  digest: " + h.get("digest"));
        System.out.println("Signature: " + h.get("signature"));
        double[] rates = rsaRates(kp, 2);
        System.out.printf("RSA-2048 SHA256withRSA on one thread: sign %.0f/s, verify %.0f/s%n", rates[0], rates[1]);
        System.out.println(fails == 0 ? "selftest OK" : "selftest FAILED: " + fails);
        System.exit(fails == 0 ? 0 : 1);
    }

    private static int expect(String what, Check c, boolean digestOk, boolean signatureOk) {
        return check(what + " (digest " + c.digestOk() + ", signature " + c.signatureOk() + ")",
                c.digestOk() == digestOk && c.signatureOk() == signatureOk);
    }

    private static int check(String what, boolean ok) {
        System.out.println((ok ? "  ok   " : "  FAIL ") + what);
        return ok ? 0 : 1;
    }
}
