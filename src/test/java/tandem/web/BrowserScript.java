package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the interop/*.mjs browser scripts (Node + playwright-core + Debian's Chromium) and reads its JSON report. */
public record BrowserScript(String output, int exitCode, JsonNode report) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static BrowserScript run(Duration timeout, Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", Path.of("interop", script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " ran past " + timeout + ":\n" + out);
            }
            String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(script + " printed no report:\n" + out));
            return new BrowserScript(out, p.exitValue(), JSON.readTree(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static BrowserScript run(Duration timeout, String script, String... args) {
        return run(timeout, Map.of(), script, args);
    }
}
