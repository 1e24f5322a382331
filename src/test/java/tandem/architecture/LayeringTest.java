package tandem.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/architecture.md are real: a package imports only its own layer or lower ones;
 * layer-1 infrastructure packages stay independent (the job table is the one user of `db`).
 */
class LayeringTest {
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("core", 0),
            Map.entry("db", 1), Map.entry("storage", 1), Map.entry("job", 1), Map.entry("media", 1), Map.entry("p2p", 1),
            Map.entry("account", 2), Map.entry("video", 2),
            Map.entry("federation", 3), Map.entry("mirror", 3),
            Map.entry("http", 4),
            Map.entry("app", 5));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?tandem\\.([a-z0-9]+)\\.", Pattern.MULTILINE);

    @Test
    void no_package_depends_on_a_higher_layer_and_account_does_not_use_video() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/tandem");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                Integer own = LAYER.get(pkg);
                assertThat(own).as("package %s has no layer in the map", pkg).isNotNull();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String target = m.group(1);
                    Integer other = LAYER.get(target);
                    if (other == null || other > own || (pkg.equals("account") && target.equals("video"))
                            || (own == 1 && other == 1 && !pkg.equals(target) && !(pkg.equals("job") && target.equals("db")))) {
                        violations.add(f + " imports tandem." + target);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
