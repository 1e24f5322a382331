package tandem.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients hang up all the time (a player seeks, a phone loses signal, an upload is cancelled): each
 * such request is one debug line, not an error with a stack trace, so that 500 of them do not bury a
 * real fault, which still logs its trace. The log is captured by an appender on logback's root.
 */
class AbortedRequestLogTest {
    private static final int ABORTS = 10;
    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final Logger PROBLEMS = (Logger) LoggerFactory.getLogger(Problems.class);
    private static TestInstance tandem;
    private static String token;
    private static String thumbnailPath;
    private static String previewPath;
    private static Level problemsLevel;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void start() throws IOException {
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        token = admin.token();
        // Stills are served for a video's file key only: a published video's thumbnail becomes the big file.
        assertThat(admin.upload(TestMedia.clipWithAudio(), "Stills", Map.of()).status()).isEqualTo(200);
        tandem.awaitIdle();
        JsonNode video = admin.get("/api/v1/videos/" + admin.get("/api/v1/users/me/videos").json().at("/data/0/uuid").asText()).json();
        thumbnailPath = video.get("thumbnailPath").asText();
        previewPath = video.get("previewPath").asText();
        Path big = tandem.dataDir().resolve("storage" + thumbnailPath.substring(thumbnailPath.indexOf("/thumbnails/")));
        Files.write(big, new byte[32 * 1024 * 1024]);
        problemsLevel = PROBLEMS.getLevel();
        PROBLEMS.setLevel(Level.DEBUG);
    }

    @AfterAll
    static void stop() {
        PROBLEMS.setLevel(problemsLevel);
        tandem.close();
    }

    @BeforeEach
    void capture() {
        log.start();
        ROOT.addAppender(log);
    }

    @org.junit.jupiter.api.AfterEach
    void release() {
        ROOT.detachAppender(log);
    }

    @Test
    void clients_that_hang_up_mid_request_log_one_line_each_and_no_stack_trace() throws Exception {
        for (int i = 0; i < ABORTS; i++) {
            // Mid-response: a few bytes of a 32 MB file, then a reset or a plain close.
            hangUp("GET " + thumbnailPath + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "", true, i % 2 == 0);
        }
        for (int i = 0; i < ABORTS; i++) {
            // Mid-request: the body ends long before its Content-Length, a multipart upload or a JSON one.
            boolean upload = i % 2 == 0;
            hangUp((upload ? "POST /api/v1/videos/upload" : "POST /api/v1/users/me/subscriptions") + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + token + "\r\n"
                            + "Content-Type: " + (upload ? "multipart/form-data; boundary=XX" : "application/json") + "\r\n"
                            + "Content-Length: " + (upload ? 10_000_000 : 1000) + "\r\n\r\n",
                    upload ? "--XX\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"a.mp4\"\r\n\r\nabc" : "{\"uri\":",
                    false, false);
        }
        List<ILoggingEvent> problems = awaitProblems(ABORTS);
        List<String> traces = events().stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage() + " / " + e.getThrowableProxy().getClassName()).toList();
        assertThat(traces).as("stack traces logged").isEmpty();
        assertThat(problems).as("one line per request cut short").hasSize(ABORTS)
                .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG))
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("client went away").doesNotContain("\n"));
        assertThat(tandem.client().get("/api/v1/config").status()).as("the server serves on").isEqualTo(200);
    }

    @Test
    void a_real_server_fault_still_logs_its_stack_trace() throws Exception {
        // Storage broken under the server: a preview that is a link to itself cannot be read.
        Path loop = tandem.dataDir().resolve("storage" + previewPath.substring(previewPath.indexOf("/previews/")));
        Files.delete(loop);
        Files.createSymbolicLink(loop, loop);
        assertThat(tandem.client().get(previewPath).status()).isEqualTo(500);
        List<ILoggingEvent> problems = awaitProblems(1);
        assertThat(problems.getFirst().getLevel()).isEqualTo(Level.ERROR);
        assertThat(problems.getFirst().getThrowableProxy()).as("the trace").isNotNull();
    }

    @Test
    void only_the_servers_own_connection_failures_count_as_a_client_hanging_up() {
        // Helidon 4.5 keeps write failures (the mid-response case) to itself; should one reach us, it reads so.
        var brokenPipe = new io.helidon.webserver.ServerConnectionException("Failed to write response content",
                new java.io.UncheckedIOException(new IOException("Broken pipe")));
        assertThat(ClientDisconnects.isDisconnect(brokenPipe)).isTrue();
        assertThat(ClientDisconnects.reason(brokenPipe)).isEqualTo("IOException: Broken pipe");
        assertThat(ClientDisconnects.isDisconnect(new java.io.UncheckedIOException(new IOException(
                new io.helidon.common.buffers.DataReader.InsufficientDataAvailableException())))).as("wrapped by our code").isTrue();
        // A remote instance resetting our outbound call, or a bug, is no visitor leaving.
        assertThat(ClientDisconnects.isDisconnect(new java.io.UncheckedIOException(new java.net.SocketException("Connection reset")))).isFalse();
        assertThat(ClientDisconnects.isDisconnect(new IllegalStateException("bug"))).isFalse();
    }

    /** Sends `head` and `body`, reads a little of the answer if asked, then closes: with a reset, or a plain FIN. */
    private static void hangUp(String head, String body, boolean readSome, boolean reset) throws IOException {
        try (Socket s = new Socket("127.0.0.1", tandem.app().port())) {
            s.setSoTimeout(10_000); // a short answer must fail the test, not hang it
            OutputStream out = s.getOutputStream();
            out.write((head + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (readSome) s.getInputStream().readNBytes(1000);
            if (reset) s.setSoLinger(true, 0);
        }
    }

    private List<ILoggingEvent> events() {
        synchronized (log) {
            return new ArrayList<>(log.list);
        }
    }

    /** The Problems events once `count` have arrived (or what came within ten seconds), plus a moment for any extra. */
    private List<ILoggingEvent> awaitProblems(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (problemEvents().size() < count && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(300);
        return problemEvents();
    }

    private List<ILoggingEvent> problemEvents() {
        return events().stream().filter(e -> e.getLoggerName().equals(Problems.class.getName())).toList();
    }
}
