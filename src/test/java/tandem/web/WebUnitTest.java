package tandem.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser app's pure modules (web/src/lib), tested by node's own runner: `node --test web/test`. */
class WebUnitTest {
    @Test
    void the_web_modules_pass_their_node_tests() {
        Path tests = Path.of("web", "test").toAbsolutePath();
        // The spec reporter would end without a JSON line; the last line printed is our report.
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(60), Map.of(), "web/test", List.of("sh", "-c",
                "node --test --test-reporter=tap \"$0\"/*.test.mjs; rc=$?; echo \"{\\\"rc\\\":$rc}\"", tests.toString()));
        String out = run.output();
        assertThat(run.report().get("rc").asInt()).as(out).isZero();
        assertThat(out).as(out).contains("# fail 0").containsPattern("# pass [1-9]");
    }
}
