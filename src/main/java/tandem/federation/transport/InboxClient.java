package tandem.federation.transport;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tandem.federation.signature.HttpSignatures;

/**
 * One HTTP/1.1 POST per connection, on a blocking socket, to an address the {@link AddressPolicy}
 * has already approved. A fan-out spends most of its CPU per request, and the JDK's HttpClient
 * (asynchronous pipeline, selector thread, per-request futures) costs about twice this; connecting
 * to the checked address also leaves no second DNS lookup for a rebinding attack to slip into.
 * Every inbox sits on its own host in a fan-out, so there is no connection worth keeping.
 */
public final class InboxClient {
    /** A status line and headers longer than this are not an inbox's answer. */
    private static final int MAX_HEAD = 32 * 1024;

    /**
     * Closes the sockets of requests past their deadline: the one bound on a request once connected,
     * whatever it waits for (a socket timeout bounds each read, not a server that drips a TLS
     * handshake or never drains what we write).
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final SSLSocketFactory tls;
    private final String userAgent;

    InboxClient(SSLSocketFactory tls, String userAgent) {
        this.tls = tls;
        this.userAgent = userAgent;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("inbox-deadlines").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A status and the start of the body (at most `maxBody` bytes, the rest unread). */
    record Answer(int status, byte[] body) {}

    /**
     * POSTs `body` with the given headers (Host among them) to `target`, connecting to the first of
     * `addresses` that answers, within the deadline (System.nanoTime()).
     */
    Answer post(URI target, List<InetAddress> addresses, Map<String, String> headers, byte[] body, int maxBody, long deadline)
            throws IOException {
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() != -1 ? target.getPort() : https ? 443 : 80;
        try (Socket socket = connect(addresses, port, deadline)) {
            // Set before the close: the read then fails while the task is still running (not yet "done"),
            // and the timer may fire a fraction of a millisecond before the deadline itself.
            AtomicBoolean cut = new AtomicBoolean();
            ScheduledFuture<?> cutOff = DEADLINES.schedule(() -> {
                cut.set(true);
                closeQuietly(socket);
            }, remainingMillis(deadline), TimeUnit.MILLISECONDS);
            try {
                Socket channel = https ? secure(socket, target.getHost(), port) : socket;
                OutputStream out = channel.getOutputStream();
                out.write(head(target, headers, body.length));
                out.write(body);
                out.flush();
                return read(new BufferedInputStream(channel.getInputStream()), maxBody);
            } catch (IOException e) {
                if (cut.get() || System.nanoTime() - deadline >= 0) { // closed by the deadline, not by the server
                    SocketTimeoutException late = new SocketTimeoutException("out of time");
                    late.initCause(e);
                    throw late;
                }
                throw e;
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to stop a request: nothing left to do with it
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                return socket;
            } catch (IOException e) {
                socket.close();
                if (last != null) e.addSuppressed(last);
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        // Check the certificate against the host name, as any HTTPS client must (SNI comes from the host given above).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private byte[] head(URI target, Map<String, String> headers, int length) {
        StringBuilder head = new StringBuilder(1024)
                .append("POST ").append(HttpSignatures.pathAndQuery(target)).append(" HTTP/1.1\r\n");
        headers.forEach((name, value) -> header(head, name, value));
        header(head, "User-Agent", userAgent);
        header(head, "Content-Length", Integer.toString(length));
        header(head, "Connection", "close");
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder head, String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " holds a line break");
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static Answer read(InputStream in, int maxBody) throws IOException {
        while (true) {
            String statusLine = line(in);
            int status = status(statusLine);
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon <= 0) continue;
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (name.equals("content-length")) length = parseLength(value);
                else if (name.equals("transfer-encoding")) chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
            if (status / 100 == 1) continue; // 100 Continue and friends: the answer follows
            // Accepted is all we need to know; a refusal's body is read only to quote its reason.
            if (status / 100 == 2 || status == 304) return new Answer(status, new byte[0]);
            try {
                return new Answer(status, chunked ? chunked(in, maxBody) : body(in, length, maxBody));
            } catch (IOException e) {
                return new Answer(status, new byte[0]);
            }
        }
    }

    private static int status(String line) throws IOException {
        // "HTTP/1.1 202 Accepted": the reason phrase may be missing.
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("not an HTTP/1.x status line: " + quote(line));
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status in " + quote(line), e);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length " + quote(value), e);
        }
    }

    /** Up to `max` bytes of the body: Content-Length when given, else until the server closes. */
    private static byte[] body(InputStream in, long length, int max) throws IOException {
        long wanted = length < 0 ? max : Math.min(length, max);
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(wanted, 8192));
        byte[] buffer = new byte[8192];
        while (body.size() < wanted) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - body.size()));
            if (n < 0) break;
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static byte[] chunked(InputStream in, int max) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < max) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size " + quote(size), e);
            }
            if (n == 0) break;
            body.write(body(in, n, max - body.size()));
            if (body.size() >= max) break;
            line(in);
        }
        return body.toByteArray();
    }

    /** One line without its CRLF; headers are ASCII (ISO-8859-1 at worst). */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed before the answer ended" + (line.isEmpty() ? "" : ": " + quote(line.toString())));
            if (line.length() >= MAX_HEAD) throw new IOException("answer header over " + MAX_HEAD + " bytes");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) throw new SocketTimeoutException("out of time");
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }
}
