package tandem.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox client against servers that answer byte by byte as we script them, plain and over TLS. */
class InboxClientTest {
    private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());
    private static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

    private final InboxClient client = new InboxClient(defaultTls(), "Tandem/test");
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void sends_the_request_line_headers_and_body_and_reads_the_status() throws Exception {
        CompletableFuture<String> request = serve(ServerSocketFactory.getDefault(), "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "inbox.example:" + server.getLocalPort());
        headers.put("Digest", "SHA-256=x");

        // The URL's host does not resolve: the client connects to the address it is given and names the host.
        InboxClient.Answer answer = client.post(URI.create("http://inbox.example:" + server.getLocalPort() + "/inbox?x=1"),
                LOOPBACK, headers, BODY, 1024, deadlineIn(5000));

        assertThat(answer.status()).isEqualTo(202);
        String seen = request.get(5, TimeUnit.SECONDS);
        assertThat(seen).startsWith("POST /inbox?x=1 HTTP/1.1\r\nHost: inbox.example:" + server.getLocalPort() + "\r\n");
        assertThat(seen).contains("\r\nDigest: SHA-256=x\r\n", "\r\nUser-Agent: Tandem/test\r\n",
                "\r\nContent-Length: " + BODY.length + "\r\n", "\r\nConnection: close\r\n");
        assertThat(seen).endsWith("\r\n\r\n" + new String(BODY, StandardCharsets.UTF_8));
    }

    @Test
    void reads_a_chunked_refusal_after_an_interim_100_and_caps_it() throws Exception {
        serve(ServerSocketFactory.getDefault(), "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\nblock\n\r\nb;ext=1\r\ned by admin\r\n0\r\n\r\n");
        InboxClient.Answer answer = post(1024);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("block\ned by admin");

        serve(ServerSocketFactory.getDefault(), "HTTP/1.1 500\r\n\r\n" + "x".repeat(5000));
        InboxClient.Answer capped = post(100);
        assertThat(capped.status()).isEqualTo(500);
        assertThat(capped.body()).hasSize(100);
    }

    @Test
    void what_is_not_http_is_an_error_that_names_it() throws Exception {
        serve(ServerSocketFactory.getDefault(), "SSH-2.0-OpenSSH_9.6\r\n");
        assertThatThrownBy(() -> post(1024)).isInstanceOf(IOException.class)
                .hasMessage("not an HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.6\"");

        serve(ServerSocketFactory.getDefault(), "HTTP/1.1 202 Accepted\r\nContent-Le");
        assertThatThrownBy(() -> post(1024)).isInstanceOf(IOException.class)
                .hasMessage("connection closed before the answer ended: \"Content-Le\"");
    }

    @Test
    void a_server_that_drips_its_answer_is_cut_off_at_the_deadline() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 100; i++) { // one byte every 200 ms, forever by an inbox's standards
                    out.write('H');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> post(1024)).isInstanceOf(SocketTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 2500L);
    }

    @Test
    void a_tls_handshake_dripped_byte_by_byte_is_cut_off_at_the_deadline() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                // A handshake record announcing 16 KB, then one byte every 200 ms: every read gets data in time.
                out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                for (int i = 0; i < 100; i++) {
                    out.write(0x02);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        long start = System.nanoTime();
        URI target = URI.create("https://localhost:" + server.getLocalPort() + "/inbox");
        assertThatThrownBy(() -> client.post(target, LOOPBACK, Map.of("Host", "localhost"), BODY, 1024, deadlineIn(1000)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 2500L);
    }

    @Test
    void an_accepted_post_does_not_wait_for_the_rest_of_the_answer() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                readRequest(s.getInputStream());
                s.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 10\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                Thread.sleep(5000); // the promised body never comes
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        long start = System.nanoTime();
        assertThat(post(1024).status()).isEqualTo(202);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(900L);
    }

    @Test
    void https_checks_the_certificate_and_its_host_name(@TempDir Path dir) throws Exception {
        KeyStore store = selfSigned(dir);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        InboxClient trusting = new InboxClient(clientTls.getSocketFactory(), "Tandem/test");
        Map<String, String> headers = Map.of("Host", "localhost");

        CompletableFuture<String> request = serve(serverTls.getServerSocketFactory(), "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        URI target = URI.create("https://localhost:" + server.getLocalPort() + "/inbox");
        assertThat(trusting.post(target, LOOPBACK, headers, BODY, 1024, deadlineIn(5000)).status()).isEqualTo(202);
        assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("POST /inbox HTTP/1.1\r\n");

        // The same certificate for another name (the address is the same machine): refused.
        serve(serverTls.getServerSocketFactory(), "HTTP/1.1 202 Accepted\r\n\r\n");
        URI otherName = URI.create("https://other.example:" + server.getLocalPort() + "/inbox");
        assertThatThrownBy(() -> trusting.post(otherName, LOOPBACK, headers, BODY, 1024, deadlineIn(5000)))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("other.example");

        // A certificate nobody vouches for: refused by the default trust store.
        serve(serverTls.getServerSocketFactory(), "HTTP/1.1 202 Accepted\r\n\r\n");
        URI selfSigned = URI.create("https://localhost:" + server.getLocalPort() + "/inbox");
        assertThatThrownBy(() -> client.post(selfSigned, LOOPBACK, headers, BODY, 1024, deadlineIn(5000)))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private InboxClient.Answer post(int maxBody) throws IOException {
        return client.post(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/inbox"), LOOPBACK,
                Map.of("Host", "127.0.0.1:" + server.getLocalPort()), BODY, maxBody, deadlineIn(1000));
    }

    /** Accepts one connection, reads a request (headers, then Content-Length bytes), sends `answer`, closes. */
    private CompletableFuture<String> serve(ServerSocketFactory sockets, String answer) throws IOException {
        if (server != null) server.close();
        server = sockets.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture<String> request = new CompletableFuture<>();
        ServerSocket listening = server;
        Thread.ofVirtual().start(() -> {
            try (Socket s = listening.accept()) {
                request.complete(readRequest(s.getInputStream()));
                s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (IOException e) {
                request.completeExceptionally(e);
            }
        });
        return request;
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) return seen.toString(StandardCharsets.ISO_8859_1);
            seen.write(c);
        }
        String head = seen.toString(StandardCharsets.ISO_8859_1);
        int at = head.indexOf("Content-Length: ");
        int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
        seen.write(in.readNBytes(length));
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** A key pair and a certificate for `localhost`, made by the JDK's keytool. */
    private static KeyStore selfSigned(Path dir) throws Exception {
        Path file = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "san=dns:localhost",
                "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
