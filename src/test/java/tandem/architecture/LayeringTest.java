package tandem.architecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of docs/architecture.md are real: a package uses only its own layer or lower ones, the
 * arrows the document forbids inside a layer are absent, and no two packages (sub-packages included)
 * depend on each other in a cycle. Dependencies are read from imports and from fully qualified names
 * in code, so writing {@code tandem.video.Video} without an import does not slip past.
 */
class LayeringTest {
    /** The layer of each capability (a sub-package such as {@code tandem.federation.inbox} belongs to its capability). */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("core", 0),
            Map.entry("db", 1), Map.entry("storage", 1), Map.entry("job", 1), Map.entry("media", 1), Map.entry("p2p", 1),
            Map.entry("net", 1), Map.entry("mail", 1),
            Map.entry("instance", 2), Map.entry("account", 2), Map.entry("video", 2),
            Map.entry("federation", 3), Map.entry("mirror", 3),
            Map.entry("http", 4),
            Map.entry("app", 5));
    /**
     * The only arrows allowed between two capabilities of the same layer: layer-1 infrastructure is
     * independent except for the job table's use of `db` and the protocol code of `net` (WebSocket
     * frames, byte ranges, multipart) under the tracker's and the media's own listeners; `video` may use `account`, never the
     * reverse, and both read the administrator's `instance` settings; `mirror` may use `federation`, which reaches `mirror` only through an interface `app` wires.
     */
    private static final Set<String> SAME_LAYER_ALLOWED = Set.of("job -> db", "p2p -> net", "net -> storage", "video -> account", "account -> instance", "video -> instance", "mirror -> federation");

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /**
     * A reference to a type of ours: `tandem.` then lower-case package names then a capitalised type name,
     * as in an import, a static import or a qualified name in code; or a wildcard import of a package.
     * Not preceded by a dot or a letter, so `foo.tandem.x.Y` is not ours.
     */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w$.])(tandem(?:\\s*\\.\\s*[a-z_][a-z0-9_]*)*)\\s*\\.\\s*(?:[A-Z]|\\*)");

    private static Graph graph;

    @BeforeAll
    static void read() throws IOException {
        graph = Graph.of(MAIN);
    }

    @Test
    void the_scan_sees_the_code() {
        // A scan that found nothing would pass every rule below.
        assertThat(graph.packages()).contains("tandem.app", "tandem.http", "tandem.federation", "tandem.core");
        assertThat(graph.edges("tandem.app")).containsKeys("tandem.http", "tandem.federation", "tandem.core");
    }

    @Test
    void every_package_belongs_to_a_layer() {
        List<String> unknown = graph.packages().stream().filter(p -> LAYER.get(capability(p)) == null).toList();
        assertThat(unknown).as("packages with no layer in LayeringTest.LAYER (add them, and to docs/architecture.md)").isEmpty();
    }

    @Test
    void no_package_depends_on_a_higher_layer() {
        List<String> violations = new ArrayList<>();
        graph.forEachEdge((from, to, evidence) -> {
            Integer own = LAYER.get(capability(from));
            Integer other = LAYER.get(capability(to));
            if (own == null) return; // reported by every_package_belongs_to_a_layer
            if (other == null || other > own) {
                violations.add(from + " (L" + own + ") -> " + to + " (L" + (other == null ? "?" : other) + "): " + evidence);
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void arrows_inside_a_layer_are_only_those_the_architecture_allows() {
        List<String> violations = new ArrayList<>();
        graph.forEachEdge((from, to, evidence) -> {
            String a = capability(from);
            String b = capability(to);
            Integer own = LAYER.get(a);
            if (a.equals(b) || own == null || !own.equals(LAYER.get(b))) return;
            if (!SAME_LAYER_ALLOWED.contains(a + " -> " + b)) violations.add(a + " -> " + b + " (both L" + own + "): " + evidence);
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void no_package_cycle() {
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : graph.stronglyConnected()) {
            if (component.size() > 1) cycles.add(graph.describeCycle(component));
        }
        assertThat(cycles).as("package cycles (each with one reference per arrow)").isEmpty();
    }

    // --- The scanner checks itself, so a rule above cannot pass by reading nothing. -----------------

    @Test
    void references_are_read_from_imports_and_qualified_names_but_not_from_comments_or_strings() {
        String source = """
                package tandem.account;

                import tandem.core.Problem;
                import static tandem.db.Database.open;
                import tandem.storage.*;
                /* tandem.http.InComment x; */
                class Demo {
                    // tandem.http.InLineComment
                    String s = "tandem.http.InString";
                    String t = \"""
                        tandem.http.InTextBlock
                        \""";
                    char c = '"';
                    tandem.video.Video v = new tandem.federation.inbox.Handler();
                    Object o = tandem.job.JobQueue.class;
                    String log = org.example.tandem.app.Nope.NAME;
                }
                """;
        Map<String, List<String>> refs = new TreeMap<>();
        references(strip(source), (pkg, line) -> refs.computeIfAbsent(pkg, k -> new ArrayList<>()).add(String.valueOf(line)));
        assertThat(refs).containsOnlyKeys("tandem.core", "tandem.db", "tandem.storage", "tandem.video", "tandem.federation.inbox", "tandem.job");
        assertThat(refs.get("tandem.video")).containsExactly("14");
    }

    @Test
    void a_cycle_between_sub_packages_is_found_and_printed_with_its_references() {
        Graph g = new Graph();
        g.add("tandem.federation.inbox", "tandem.federation.vocab", "Inbox.java:3 tandem.federation.vocab.Activity");
        g.add("tandem.federation.vocab", "tandem.federation.signature", "Activity.java:4 tandem.federation.signature.Signed");
        g.add("tandem.federation.signature", "tandem.federation.inbox", "Signed.java:5 tandem.federation.inbox.Inbox");
        g.add("tandem.federation.outbox", "tandem.federation.vocab", "Outbox.java:6 tandem.federation.vocab.Activity");
        List<Set<String>> cyclic = g.stronglyConnected().stream().filter(c -> c.size() > 1).toList();
        assertThat(cyclic).singleElement().isEqualTo(Set.of("tandem.federation.inbox", "tandem.federation.vocab", "tandem.federation.signature"));
        assertThat(g.describeCycle(cyclic.getFirst())).isEqualTo("""
                tandem.federation.inbox -> tandem.federation.vocab -> tandem.federation.signature -> tandem.federation.inbox
                  tandem.federation.inbox -> tandem.federation.vocab: Inbox.java:3 tandem.federation.vocab.Activity
                  tandem.federation.vocab -> tandem.federation.signature: Activity.java:4 tandem.federation.signature.Signed
                  tandem.federation.signature -> tandem.federation.inbox: Signed.java:5 tandem.federation.inbox.Inbox""");
    }

    // --- Reading the sources --------------------------------------------------------------------------

    /** `tandem.federation.inbox` → `federation`: the capability whose layer a (sub-)package has. */
    private static String capability(String pkg) {
        String[] parts = pkg.split("\\.");
        return parts.length < 2 ? "" : parts[1];
    }

    private interface ReferenceSink {
        void reference(String pkg, int line);
    }

    /** Calls {@code sink} with the package and line of every reference to a `tandem` type in already stripped code. */
    private static void references(String code, ReferenceSink sink) {
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String pkg = m.group(1).replaceAll("\\s+", "");
            if (pkg.equals("tandem")) continue; // a class named tandem.Foo would have no capability; none exists
            int line = 1;
            for (int i = 0; i < m.start(); i++) if (code.charAt(i) == '\n') line++;
            sink.reference(pkg, line);
        }
    }

    /** The source with comments, string and char literals and text blocks blanked out (newlines kept, so lines still count). */
    private static String strip(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') i = blank(src, out, i);
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                while (i < stop) i = blank(src, out, i);
            } else if (src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) end += src.charAt(end) == '\\' ? 2 : 1;
                int stop = Math.min(n, end + 3);
                while (i < stop) i = blank(src, out, i);
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') end += src.charAt(end) == '\\' ? 2 : 1;
                int stop = Math.min(n, end + 1);
                while (i < stop) i = blank(src, out, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(String src, StringBuilder out, int i) {
        out.append(src.charAt(i) == '\n' ? '\n' : ' ');
        return i + 1;
    }

    /** The dependency graph between `tandem` packages (sub-packages are nodes of their own), with one example reference per arrow. */
    private static final class Graph {
        private final Map<String, Map<String, String>> edges = new TreeMap<>();

        static Graph of(Path sourceRoot) throws IOException {
            Graph g = new Graph();
            try (Stream<Path> files = Files.walk(sourceRoot.resolve("tandem"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String code = strip(Files.readString(f));
                    Matcher pm = PACKAGE.matcher(code);
                    assertThat(pm.find()).as("%s has a package declaration", f).isTrue();
                    String own = pm.group(1);
                    g.edges.computeIfAbsent(own, k -> new TreeMap<>());
                    references(code, (pkg, line) -> {
                        if (!pkg.equals(own)) g.add(own, pkg, sourceRoot.relativize(f) + ":" + line + " uses " + pkg);
                    });
                }
            }
            return g;
        }

        /** Records the arrow {@code from -> to}; the first evidence seen for an arrow is the one shown. */
        void add(String from, String to, String evidence) {
            edges.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, evidence);
            edges.computeIfAbsent(to, k -> new TreeMap<>());
        }

        Set<String> packages() {
            return edges.keySet();
        }

        Map<String, String> edges(String from) {
            return edges.getOrDefault(from, Map.of());
        }

        interface EdgeVisitor {
            void edge(String from, String to, String evidence);
        }

        void forEachEdge(EdgeVisitor visitor) {
            edges.forEach((from, targets) -> targets.forEach((to, evidence) -> visitor.edge(from, to, evidence)));
        }

        /** Tarjan's strongly connected components: every package cycle lies inside one component of two or more packages. */
        List<Set<String>> stronglyConnected() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            Set<String> onStack = new java.util.HashSet<>();
            List<Set<String>> components = new ArrayList<>();
            for (String start : edges.keySet()) {
                if (!index.containsKey(start)) connect(start, index, low, stack, onStack, components);
            }
            return components;
        }

        private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                             Set<String> onStack, List<Set<String>> components) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : edges(v).keySet()) {
                if (!index.containsKey(w)) {
                    connect(w, index, low, stack, onStack, components);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                components.add(component);
            }
        }

        /** One shortest cycle through the component's first package, as a path and then the reference behind each arrow. */
        String describeCycle(Set<String> component) {
            String start = component.iterator().next();
            Map<String, String> parent = new LinkedHashMap<>();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            String last = null;
            search:
            while (!queue.isEmpty()) {
                String v = queue.poll();
                for (String w : edges(v).keySet()) {
                    if (!component.contains(w)) continue;
                    if (w.equals(start)) {
                        last = v;
                        break search;
                    }
                    if (!parent.containsKey(w)) {
                        parent.put(w, v);
                        queue.add(w);
                    }
                }
            }
            if (last == null) throw new IllegalStateException("no cycle through " + start + " in " + component);
            List<String> path = new ArrayList<>();
            for (String v = last; v != null && !v.equals(start); v = parent.get(v)) path.addFirst(v);
            path.addFirst(start);
            path.add(start);
            StringBuilder s = new StringBuilder(String.join(" -> ", path));
            for (int i = 0; i + 1 < path.size(); i++) {
                s.append("\n  ").append(path.get(i)).append(" -> ").append(path.get(i + 1)).append(": ")
                        .append(edges(path.get(i)).get(path.get(i + 1)));
            }
            if (component.size() > path.size() - 1) s.append("\n  (the cycle's component also holds ").append(component).append(')');
            return s.toString();
        }
    }
}
