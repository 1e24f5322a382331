package tandem.http;

import io.helidon.webserver.http.ServerRequest;
import tandem.core.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Query-string helpers that accept PeerTube's `name[]=` and repeated `name=` forms. */
final class Params {
    private Params() {}

    static String get(ServerRequest req, String name) {
        return req.query().first(name).asOptional().orElse(null);
    }

    static List<String> list(ServerRequest req, String name) {
        List<String> out = new ArrayList<>(req.query().all(name, List::of));
        out.addAll(req.query().all(name + "[]", List::of));
        return out.stream().filter(s -> !s.isBlank()).toList();
    }

    static Boolean bool(ServerRequest req, String name) {
        String v = get(req, name);
        if (v == null || v.isBlank() || "both".equals(v)) return null;
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.invalidParam(name, "Should have a valid " + name + " boolean");
        };
    }

    static List<Integer> ints(ServerRequest req, String name) {
        try {
            return list(req, name).stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw Problem.invalidParam(name, "Should have valid " + name + " numbers");
        }
    }

    static String pathParam(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** A whole number from a JSON value, form field or path segment; null when absent, 400 when malformed. */
    static Long longValue(Object v, String name) {
        if (v == null || v instanceof String s && s.isBlank()) return null;
        if (v instanceof Number n) {
            // 1.5 is no count of anything: refuse it rather than truncate it.
            if ((v instanceof Double || v instanceof Float) && n.doubleValue() != Math.rint(n.doubleValue())) {
                throw Problem.invalidParam(name, "Should have a valid " + name);
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw Problem.invalidParam(name, "Should have a valid " + name);
        }
    }

    /** A text from a JSON value; null when absent, 400 when it is not a string. */
    static String text(Object v, String name) {
        if (v == null || v instanceof String) return (String) v;
        throw Problem.invalidParam(name, "Should have a valid " + name);
    }

    /** A text a body may clear: an explicit JSON null clears it as PeerTube reads it (given as ""), absent is null. */
    static String clearableText(Map<String, Object> body, String name) {
        if (body.containsKey(name) && body.get(name) == null) return "";
        return text(body.get(name), name);
    }

    /** A JSON boolean; null when absent, 400 when it is something else. */
    static Boolean boolValue(Object v, String name) {
        if (v == null || v instanceof Boolean) return (Boolean) v;
        throw Problem.invalidParam(name, "Should have a valid " + name + " boolean");
    }

    /** A JSON list of strings; null when absent, 400 when it is something else. */
    static List<String> texts(Object v, String name) {
        if (v == null) return null;
        if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) return l.stream().map(String.class::cast).toList();
        throw Problem.invalidParam(name, "Should have a valid " + name + " list");
    }

    static Integer intValue(Object v, String name) {
        Long l = longValue(v, name);
        if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) throw Problem.invalidParam(name, "Should have a valid " + name);
        return l == null ? null : l.intValue();
    }

    /** A required numeric path parameter. */
    static long longPath(ServerRequest req, String name) {
        Long l = longValue(pathParam(req, name), name);
        if (l == null) throw Problem.invalidParam(name, "Should have a valid " + name);
        return l;
    }
}
