package tandem.mirror;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tandem.federation.transport.AddressPolicy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Origins that misbehave: one that hangs midway, one that sends more than announced, one on a forbidden address. */
class OriginFilesTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer origin;
    private OriginFiles files;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/hangs.mp4", ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write(new byte[10]);
            ex.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        origin.createContext("/big.mp4", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(new byte[5000]);
            ex.close();
        });
        origin.start();
        files = new OriginFiles(new AddressPolicy(List.of("127.0.0.0/8")), Duration.ofSeconds(2), new CopyRate(0), "test");
        dir = Files.createTempDirectory("origin-files");
    }

    @AfterEach
    void stop() {
        release.countDown();
        origin.stop(0);
        files.close();
    }

    @Test
    void a_body_that_stops_coming_is_abandoned_and_retried_later() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> files.download(url("/hangs.mp4"), dir.resolve("a.part"), 1000))
                .isInstanceOfSatisfying(OriginFiles.CopyException.class, e -> assertThat(e.permanent()).isFalse())
                .hasMessageContaining("stalled");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(dir.resolve("a.part")).doesNotExist();
    }

    @Test
    void more_bytes_than_the_playlists_announce_fail_for_good() {
        assertThatThrownBy(() -> files.download(url("/big.mp4"), dir.resolve("b.part"), 4000))
                .isInstanceOfSatisfying(OriginFiles.CopyException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("larger than the 4000 bytes");
    }

    @Test
    void an_address_outside_the_policy_is_never_asked() {
        OriginFiles strict = new OriginFiles(new AddressPolicy(List.of()), Duration.ofSeconds(2), new CopyRate(0), "test");
        try {
            assertThatThrownBy(() -> strict.download(url("/big.mp4"), dir.resolve("c.part"), 10_000))
                    .hasMessageContaining("may not be fetched");
        } finally {
            strict.close();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + path);
    }
}
