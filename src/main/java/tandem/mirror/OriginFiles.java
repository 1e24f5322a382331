package tandem.mirror;

import tandem.federation.transport.AddressPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads an origin's HLS files for a mirror: every URL passes federation's address policy (no
 * copying from our own network by a crafted playlist), redirects are refused, bodies are capped, and
 * bytes flow at the shared {@link CopyRate}.
 */
public final class OriginFiles implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final AddressPolicy policy;
    private final Duration timeout;
    private final CopyRate rate;
    private final String userAgent;
    private final HttpClient client;

    public OriginFiles(AddressPolicy policy, Duration timeout, CopyRate rate, String userAgent) {
        this.policy = policy;
        this.timeout = timeout;
        this.rate = rate;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Downloads {@code url} whole into {@code part} (replaced), which the caller then moves to its place.
     * @return the file's size
     * @throws CopyException when the origin refuses or the body exceeds {@code maxBytes}
     */
    public long download(URI url, Path part, long maxBytes) throws IOException, InterruptedException {
        try {
            policy.check(url);
        } catch (RuntimeException e) {
            throw new CopyException(url + " may not be fetched: " + e.getMessage(), true);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", userAgent).GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        Progress progress = new Progress(response.body());
        Thread watchdog = Thread.ofVirtual().name("mirror-copy-watchdog").start(progress::watch);
        try (InputStream in = progress.in) {
            int status = response.statusCode();
            if (status != 200) throw new CopyException("GET " + url + " answered " + status, status >= 400 && status < 500 && status != 404 && status != 429);
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) throw new CopyException(url + " is " + declared + " bytes, more than the " + maxBytes + " its playlists announce", true);
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    progress.lastByteNanos = System.nanoTime();
                    if (total > maxBytes) throw new CopyException(url + " is larger than the " + maxBytes + " bytes its playlists announce", true);
                    rate.take(n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(part);
            if (progress.stalled) throw new CopyException("GET " + url + " stalled: no byte for " + timeout.toSeconds() + " s", false);
            throw e;
        } finally {
            progress.done = true;
            watchdog.interrupt();
        }
        return total;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /**
     * Closes a body that sends nothing for the timeout: the client's own timeout stops at the
     * headers, and an origin that hangs midway would otherwise hold a copy slot for ever.
     */
    private final class Progress {
        final InputStream in;
        volatile long lastByteNanos = System.nanoTime();
        volatile boolean done;
        volatile boolean stalled;

        Progress(InputStream in) {
            this.in = in;
        }

        void watch() {
            try {
                while (!done) {
                    Thread.sleep(1000);
                    if (!done && System.nanoTime() - lastByteNanos > timeout.toNanos()) {
                        stalled = true;
                        in.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // Interrupted: the download ended. A failed close leaves the read to the job's lease.
            }
        }
    }

    /** A copy that failed; {@code permanent} when trying again cannot help (the origin's answer is wrong, not missing). */
    public static final class CopyException extends IOException {
        private final boolean permanent;

        public CopyException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
