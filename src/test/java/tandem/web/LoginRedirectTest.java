package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After logging in, the web app goes to `?next=` only when that names a page of this instance.
 * The check itself (web/src/lib/safe-next.js) is fed hostile values under Node, whose URL parser is
 * the browsers' standard one; then the built app, in headless Chromium, is sent through the login
 * page with some of them and must stay on the instance.
 */
class LoginRedirectTest {
    private static final String ORIGIN = "https://tandem.example";

    @Test
    void only_paths_of_this_origin_pass_and_everything_else_goes_home() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        for (String hostile : List.of("//evil.example", "/\\evil.example", "/\t/evil.example", "\\\\evil.example", "///evil.example",
                "https://evil.example", "http:evil.example", "javascript:alert(1)", "data:text/html,hi",
                // Same origin once parsed, but the path alone would read as //evil.example: the parser removes "." and "..".
                "/.//evil.example", "/x/..//evil.example", "/./\\evil.example", "", "http://[")) {
            cases.put(hostile, "/");
        }
        // Harmless once parsed: the text of a percent-escape is not a backslash, and leading blanks and tabs are dropped.
        cases.put("/%5Cevil.example", "/%5Cevil.example");
        cases.put("/%09/evil.example", "/%09/evil.example");
        cases.put("\t/evil.example", "/evil.example");
        cases.put(" /x", "/x");
        cases.put("/videos/watch/abc?x=1#t", "/videos/watch/abc?x=1#t");
        cases.put(ORIGIN + "/my-videos?page=2", "/my-videos?page=2");

        String module = Path.of("web/src/lib/safe-next.js").toAbsolutePath().toUri().toString();
        String js = "const { safeNext } = await import(process.env.MODULE);"
                + "const inputs = JSON.parse(process.env.INPUTS);"
                + "console.log(JSON.stringify({ outputs: inputs.map(n => safeNext(n, process.env.ORIGIN)) }))";
        ObjectMapper mapper = new ObjectMapper();
        List<String> inputs = new ArrayList<>(cases.keySet());
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(30),
                Map.of("MODULE", module, "ORIGIN", ORIGIN, "INPUTS", mapper.writeValueAsString(inputs)),
                "safe-next.js", List.of("node", "--input-type=module", "-e", js));
        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, String> outputs = new LinkedHashMap<>();
        JsonNode out = run.report().get("outputs");
        for (int i = 0; i < inputs.size(); i++) outputs.put(inputs.get(i), out.get(i).asText());
        assertThat(outputs).isEqualTo(cases);
    }

    @Test
    void the_built_login_page_never_sends_a_signed_in_visitor_to_another_site() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        try (TestInstance tandem = TestInstance.start()) {
            String base = tandem.baseUrl();
            List<String> hostile = List.of("/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example", "/.//evil.example");
            List<String> args = new ArrayList<>(List.of(base, "root", TestInstance.ADMIN_PASSWORD));
            args.addAll(hostile);
            args.add("/videos/watch/abc?x=1#t");
            BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-login-next.mjs", args.toArray(String[]::new));
            assertThat(run.report().has("failed")).as(run.output()).isFalse();
            JsonNode landed = run.report().get("landed");
            for (String next : hostile) {
                assertThat(landed.path(next).asText()).as("after ?next=" + next).isEqualTo(base + "/");
            }
            assertThat(landed.path("/videos/watch/abc?x=1#t").asText()).isEqualTo(base + "/videos/watch/abc?x=1#t");
            assertThat(run.report().get("foreign")).as("requests to other sites").isEmpty();
        }
    }
}
