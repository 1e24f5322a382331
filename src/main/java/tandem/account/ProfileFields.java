package tandem.account;

import java.util.Map;

/** The public profile fields accounts and channels share: a display name and free texts, with PeerTube's limits. */
final class ProfileFields {
    static final int TEXT_MAX = 1000;

    private ProfileFields() {
    }

    /** The new display name (`given` stripped, or `current` when not given); an error outside 1..max characters. */
    static String displayName(String given, String current, int max, Map<String, String> errors) {
        String name = given == null ? current : given.strip();
        if (name.isEmpty() || name.length() > max) errors.put("displayName", "Should have a display name of 1 to " + max + " characters");
        return name;
    }

    /** A free text: `current` when not given, null when given empty (it clears), an error beyond 1,000 characters. */
    static String text(String given, String current, String field, Map<String, String> errors) {
        if (given == null) return current;
        String t = given.strip();
        if (t.length() > TEXT_MAX) errors.put(field, "Should have a " + field + " of at most " + TEXT_MAX + " characters");
        return t.isEmpty() ? null : t;
    }
}
