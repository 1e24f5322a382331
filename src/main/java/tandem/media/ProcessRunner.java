package tandem.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ffmpeg/ffprobe processes with a timeout, progress reporting and a readable message on failure. */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int STDERR_TAIL_LINES = 30;
    private static final Duration REAPER_WAIT = Duration.ofSeconds(10);

    /**
     * What a finished process printed.
     *
     * @param stdout     everything on stdout, or empty when a progress callback consumed it
     * @param stderrTail the last lines of stderr
     */
    public record Result(String stdout, List<String> stderrTail) {
    }

    /**
     * Runs a command and collects its stdout.
     *
     * @param failure the user-facing sentence used when the process fails, e.g. "The file could not be read"
     */
    public Result run(List<String> command, Duration timeout, String failure)
            throws MediaException, InterruptedException {
        return execute(command, timeout, failure, null);
    }

    /**
     * Runs an ffmpeg command that has {@code -progress pipe:1}, reporting 0–100 percent of {@code durationSeconds}.
     */
    public Result runWithProgress(List<String> command, Duration timeout, String failure,
                                  double durationSeconds, DoubleConsumer percent)
            throws MediaException, InterruptedException {
        Objects.requireNonNull(percent, "percent");
        return execute(command, timeout, failure, new ProgressParser(durationSeconds, percent));
    }

    private Result execute(List<String> command, Duration timeout, String failure, ProgressParser progress)
            throws MediaException, InterruptedException {
        LOG.debug("Running {}", command);
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            libraryPath(builder, command.getFirst());
            process = builder.start();
        } catch (IOException e) {
            throw new MediaException(failure + " (the media tools could not be started)", e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Closing stdin of {} failed", command.getFirst(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        StringBuilder stdout = new StringBuilder();
        Thread errReader = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), line -> {
            synchronized (tail) {
                if (tail.size() == STDERR_TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        }));
        Thread outReader = Thread.ofVirtual().start(() -> pump(process.getInputStream(),
                progress != null ? progress::accept : line -> stdout.append(line).append('\n')));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The job was cancelled or the JVM is stopping: never leave an ffmpeg burning CPU behind us.
            kill(process);
            throw e;
        }
        if (!finished) {
            kill(process);
            errReader.join(REAPER_WAIT);
            throw new MediaException(failure + " (it took longer than " + timeout.toSeconds() + " seconds)",
                    describe(command, snapshot(tail)));
        }
        errReader.join();
        outReader.join();
        List<String> lines = snapshot(tail);
        if (process.exitValue() != 0) {
            throw new MediaException(failure + " (" + FailureReason.from(lines, command) + ")",
                    describe(command, lines) + "\nexit code " + process.exitValue());
        }
        if (progress != null) {
            progress.finish();
        }
        return new Result(stdout.toString(), lines);
    }

    /**
     * The bundled libva-drm needs libva but carries no RUNPATH, so the loader only finds it through
     * LD_LIBRARY_PATH pointing at the executable's own directory.
     */
    private static void libraryPath(ProcessBuilder builder, String executable) {
        Path dir = Path.of(executable).toAbsolutePath().getParent();
        if (dir == null || !Files.exists(dir.resolve("libva.so.2"))) {
            return;
        }
        String existing = builder.environment().get("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH",
                existing == null || existing.isBlank() ? dir.toString() : dir + ":" + existing);
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(new ArrayList<>(tail));
        }
    }

    private static String describe(List<String> command, List<String> tail) {
        return String.join(" ", command) + "\n" + String.join("\n", tail);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            // Wait so the caller can safely delete the files the process was writing.
            process.waitFor(REAPER_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pump(InputStream in, Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // The stream closes abruptly when we kill the process; nothing useful is lost.
            LOG.trace("Process stream closed", new UncheckedIOException(e));
        }
    }
}
