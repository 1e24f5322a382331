package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the interop/*.mjs browser scripts (Node + playwright-core + Debian's Chromium) and reads its JSON report. */
public record BrowserScript(String output, int exitCode, JsonNode report) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a killed script's processes get to go away before we stop waiting for them. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    public static BrowserScript run(Duration timeout, Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", Path.of("interop", script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return run(timeout, env, script, command);
    }

    public static BrowserScript run(Duration timeout, String script, String... args) {
        return run(timeout, Map.of(), script, args);
    }

    /**
     * Runs {@code command} with its output in a file, not a pipe: reading a pipe to its end before
     * waiting would block for as long as the script (or a browser it started) hangs, and the timeout
     * would never fire. On timeout the whole process tree goes, and the failure shows the output so far.
     */
    static BrowserScript run(Duration timeout, Map<String, String> env, String name, List<String> command) {
        try (OutputFile log = OutputFile.create()) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.path().toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                destroyTree(p);
                Thread.currentThread().interrupt();
                throw new AssertionError(name + " was interrupted:\n" + log.read(), e);
            }
            if (!finished) {
                destroyTree(p);
                throw new AssertionError(name + " ran past " + timeout + " and was killed; its output so far:\n" + log.read());
            }
            String out = log.read();
            String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(name + " printed no report:\n" + out));
            return new BrowserScript(out, p.exitValue(), JSON.readTree(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The temp file a script writes to; closing deletes it (a failure to delete is suppressed onto the test's own failure, not hiding it). */
    private record OutputFile(Path path) implements AutoCloseable {
        static OutputFile create() throws IOException {
            return new OutputFile(Files.createTempFile("browser-script-", ".log"));
        }

        String read() throws IOException {
            return Files.readString(path, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    /** Kills the script and what it started (Chromium and its helpers), children first, listed before the parent dies and they are re-parented. */
    private static void destroyTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + h.pid() + " of a timed-out browser script did not die after a kill", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while killing a timed-out browser script", e);
            }
        }
    }
}
