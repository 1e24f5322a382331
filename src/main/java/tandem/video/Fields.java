package tandem.video;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request fields by name, whatever the encoding: multipart forms with PeerTube's bracket notation
 * (`tags[0]`, `tags[]`) and JSON bodies both land here as name → values.
 */
public final class Fields {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public void add(String name, String value) {
        String key = name;
        int bracket = name.indexOf('[');
        if (bracket > 0 && name.endsWith("]")) {
            String inner = name.substring(bracket + 1, name.length() - 1);
            // tags[0] and tags[] are list items; scheduleUpdate[updateAt] keeps its nested name.
            if (inner.isEmpty() || inner.chars().allMatch(Character::isDigit)) key = name.substring(0, bracket);
        }
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    /** Flattens a parsed JSON object: arrays become lists, nulls are treated as absent. */
    public static Fields fromJson(Map<String, Object> json) {
        Fields f = new Fields();
        json.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                f.values.put(k, new ArrayList<>());
                for (Object o : list) if (o != null) f.values.get(k).add(String.valueOf(o));
            } else if (v instanceof Map<?, ?> m) {
                m.forEach((ik, iv) -> { if (iv != null) f.add(k + "[" + ik + "]", String.valueOf(iv)); });
            } else if (v != null) {
                f.add(k, String.valueOf(v));
            }
        });
        return f;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }
}
