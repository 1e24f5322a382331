package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid activity into an invalid one, deterministically from a seeded Random: only the
 * fields that decide validity are touched (so every mutant must be refused or end without storing
 * anything), or the body is broken as a whole. Junk URLs never name the sender's own host, where
 * they could be legitimate.
 */
final class Mutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SLOT = "\"__mutant_slot__\"";

    /** One mutated body and what was done to it, for the failure message. */
    record Mutant(String description, byte[] body) {}

    private final Random random;
    private final List<JsonNode> junk = new ArrayList<>();

    Mutator(long seed, String tandemBase) {
        this.random = new Random(seed);
        junk.addAll(List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new BigInteger("9".repeat(400))), NODES.numberNode(1e308), NODES.booleanNode(true), NODES.nullNode(),
                NODES.arrayNode(), NODES.arrayNode().add("https://victim.example/x").add(7), NODES.arrayNode().add(NODES.arrayNode().add(NODES.objectNode())),
                NODES.objectNode(), NODES.objectNode().put("id", 5), NODES.objectNode().put("id", "javascript:alert(1)"),
                NODES.objectNode().put("type", "Person").put("href", "file:///etc/passwd")));
        for (String s : List.of("", " ", "\u0000", "é中文𝕏\u202e\uFEFF", "javascript:alert(1)", "file:///etc/passwd", "/relative/path",
                "relative", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://[bad", "http:///nohost",
                "http://exa mple.org/x", "https://victim.example:99999/x", "https://victim.example/x", "https://victim.example/\u0000",
                "http://" + "a".repeat(3000) + ".example/x", "https://victim.example/" + "b".repeat(10_000), "data:text/html,<script>x</script>",
                "ftp://example.org/x", "Follow", "follow", "Flag", "Video", "Note", tandemBase + "/videos/watch/not-a-uuid",
                tandemBase + "/videos/watch/../../../etc/passwd", tandemBase + "/videos/watch/", tandemBase + "/accounts/nobody",
                tandemBase + "/videos/watch/00000000-0000-0000-0000-000000000000/comments/99999999999999999999")) {
            junk.add(NODES.textNode(s));
        }
    }

    /** A mutant of `seed`, touching only `paths` (like "object/id") when it touches a field. */
    Mutant mutate(ObjectNode seed, List<String> paths) {
        String path = paths.get(random.nextInt(paths.size()));
        return switch (random.nextInt(9)) {
            case 0 -> {
                remove(seed, path);
                yield mutant("drop " + path, seed.toString());
            }
            case 1, 2, 3 -> {
                JsonNode value = junkOtherThan(get(seed, path));
                set(seed, path, value);
                yield mutant("set " + path + " = " + abbreviate(value.toString()), seed.toString());
            }
            case 4 -> duplicate(seed, path);
            case 5 -> {
                String text = seed.toString();
                yield mutant("truncate", text.substring(0, random.nextInt(text.length())));
            }
            case 6 -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield new Mutant("random bytes", bytes);
            }
            case 7 -> {
                int depth = 500 + random.nextInt(50_000);
                yield spliced(seed, path, "[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : depth / 2), "nest " + path + " " + depth + " deep");
            }
            default -> {
                int length = 50_000 + random.nextInt(300_000);
                yield spliced(seed, path, NODES.textNode("\u00e9".repeat(length)).toString(), "huge " + path + " of " + length + " chars");
            }
        };
    }

    Random random() {
        return random;
    }

    /** The key again in the same object, with a junk value last (the one Jackson keeps). */
    private Mutant duplicate(ObjectNode seed, String path) {
        JsonNode value = junkOtherThan(get(seed, path));
        ObjectNode parent = parent(seed, path);
        String key = key(path);
        if (parent == null) return mutant("drop " + path, removeAndGet(seed, path));
        String obj = parent.toString();
        String dup = obj.substring(0, obj.length() - 1) + (parent.isEmpty() ? "" : ",") + NODES.textNode(key) + ":" + value + "}";
        if (parent == seed) return mutant("duplicate " + path, dup);
        JsonNode saved = seed.get("object");
        seed.set("object", NODES.textNode("__mutant_slot__"));
        String text = seed.toString().replace(SLOT, dup);
        seed.set("object", saved);
        return mutant("duplicate " + path + " = " + abbreviate(value.toString()), text);
    }

    /** A junk value, never the one already there (setting "Note" where "Note" was would mutate nothing). */
    private JsonNode junkOtherThan(JsonNode current) {
        JsonNode value;
        do {
            value = junk.get(random.nextInt(junk.size()));
        } while (value.equals(current));
        return value;
    }

    private static JsonNode get(ObjectNode root, String path) {
        ObjectNode p = parent(root, path);
        return p == null ? null : p.get(key(path));
    }

    /** Puts raw JSON text where `path` was. */
    private Mutant spliced(ObjectNode seed, String path, String raw, String description) {
        set(seed, path, NODES.textNode("__mutant_slot__"));
        return mutant(description, seed.toString().replace(SLOT, raw));
    }

    private static Mutant mutant(String description, String text) {
        return new Mutant(description, text.getBytes(StandardCharsets.UTF_8));
    }

    private String removeAndGet(ObjectNode seed, String path) {
        remove(seed, path);
        return seed.toString();
    }

    private static ObjectNode parent(ObjectNode root, String path) {
        if (!path.contains("/")) return root;
        JsonNode p = root.get(path.substring(0, path.indexOf('/')));
        return p instanceof ObjectNode o ? o : null;
    }

    private static String key(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void remove(ObjectNode root, String path) {
        ObjectNode p = parent(root, path);
        if (p != null) p.remove(key(path));
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        ObjectNode p = parent(root, path);
        if (p != null) p.set(key(path), value);
        else root.set(path.substring(0, path.indexOf('/')), value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…(" + s.length() + ")";
    }
}
