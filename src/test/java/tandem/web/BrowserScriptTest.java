package tandem.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrowserScriptTest {
    @Test
    void a_hung_script_fails_at_its_timeout_with_its_output_and_leaves_no_process_behind() {
        // A shell that starts a child and waits for it, like node waiting for a hung Chromium.
        List<String> command = List.of("sh", "-c", "sleep 60 & echo \"child $!\"; wait");
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> BrowserScript.run(Duration.ofMillis(500), Map.of(), "hung.mjs", command));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(thrown).isInstanceOf(AssertionError.class)
                .hasMessageContaining("hung.mjs ran past PT0.5S and was killed").hasMessageContaining("child ");
        long child = Long.parseLong(thrown.getMessage().lines().filter(l -> l.startsWith("child ")).findFirst().orElseThrow().substring(6));
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("the script's child process").isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void a_finished_script_gives_its_last_json_line_as_the_report() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(10), Map.of("WHO", "tandem"), "ok.mjs",
                List.of("sh", "-c", "echo noise; echo '{\"n\":1}'; echo \"{\\\"who\\\":\\\"$WHO\\\"}\"; exit 3"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.report().get("who").asText()).isEqualTo("tandem");
        assertThat(run.output()).startsWith("noise\n");
        assertThatThrownBy(() -> BrowserScript.run(Duration.ofSeconds(10), Map.of(), "quiet.mjs", List.of("sh", "-c", "echo nothing")))
                .isInstanceOf(AssertionError.class).hasMessage("quiet.mjs printed no report:\nnothing\n");
    }
}
