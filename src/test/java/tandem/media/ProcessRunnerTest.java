package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {
    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void progressIsParsedClampedAndMonotonic() throws Exception {
        List<Double> seen = new ArrayList<>();
        runner.runWithProgress(List.of("sh", "-c", "printf 'out_time_us=N/A\\nout_time_us=1000000\\n"
                + "out_time_ms=500000\\nout_time_us=3000000\\nout_time_us=9000000\\nprogress=end\\n'"),
                Duration.ofSeconds(10), "x", 4, seen::add);
        assertThat(seen).containsExactly(25.0, 75.0, 100.0);
    }

    @Test
    void failureMessageComesFromStderrWithoutPaths() {
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c",
                        "echo '[in#0 @ 0x55d1] Error opening input: Invalid data' >&2; echo 'Conversion failed!' >&2;"
                                + " exit 1", "/srv/secret/upload.mp4"), Duration.ofSeconds(10), "The video could not be read"))
                .isInstanceOf(MediaException.class)
                .hasMessage("The video could not be read (Error opening input: Invalid data)");
        assertThat(FailureReason.scrub("/srv/secret/upload.mp4: Invalid data found when processing input",
                List.of("ffprobe", "/srv/secret/upload.mp4"))).isEqualTo("Invalid data found when processing input");
    }

    @Test
    void timeoutKillsTheProcess() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(List.of("sleep", "30"), Duration.ofMillis(300), "Too slow"))
                .isInstanceOf(MediaException.class).hasMessage("Too slow (it took longer than 0 seconds)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void interruptKillsTheProcess() throws Exception {
        List<Throwable> thrown = new ArrayList<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                runner.run(List.of("sleep", "30"), Duration.ofMinutes(1), "x");
            } catch (Exception e) {
                thrown.add(e);
            }
        });
        Thread.sleep(300);
        worker.interrupt();
        worker.join(Duration.ofSeconds(10));
        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
    }
}
