package tandem.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared {@link TestInstance} run as a process of its own, for what a test cannot do to its own
 * JVM: kill it with SIGKILL, or start it with a low limit on open files.
 */
public final class ChildInstance implements AutoCloseable {
    private final TestInstance instance;
    private final Process process;

    private ChildInstance(TestInstance instance, Process process) {
        this.instance = instance;
        this.process = process;
    }

    public static ChildInstance start(TestInstance instance) throws IOException {
        return start(instance, 0);
    }

    /** @param maxOpenFiles the child's `ulimit -n`, or 0 to inherit ours */
    public static ChildInstance start(TestInstance instance, int maxOpenFiles) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (maxOpenFiles > 0) command.addAll(List.of("bash", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$@\"", "child"));
        command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "tandem.app.Main", "start"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(instance.environment());
        pb.redirectErrorStream(true).redirectOutput(instance.dataDir().resolve("child.log").toFile());
        return new ChildInstance(instance, pb.start());
    }

    /** Waits until the child has started completely (its workers too) and answers its health check. */
    public ChildInstance awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("child instance exited with " + process.exitValue() + ":\n" + log());
            try {
                if (log().contains("Tandem is listening on port") && instance.client().get("/health").status() == 200) return this;
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("child instance did not start; see " + logFile());
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return instance.dataDir().resolve("child.log");
    }

    public String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no cleanup; then the ffmpeg it may have left without a parent. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        String marker = instance.dataDir().toString() + File.separator;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("ffmpeg")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
