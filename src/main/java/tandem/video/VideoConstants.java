package tandem.video;

import java.util.LinkedHashMap;
import java.util.Map;

/** Categories, licences, languages and privacies with PeerTube's ids and labels. */
public final class VideoConstants {
    private VideoConstants() {}

    public static final Map<Integer, String> CATEGORIES = ordered(
            1, "Music", 2, "Films", 3, "Vehicles", 4, "Art", 5, "Sports", 6, "Travels", 7, "Gaming", 8, "People",
            9, "Comedy", 10, "Entertainment", 11, "News & Politics", 12, "How To", 13, "Education", 14, "Activism",
            15, "Science & Technology", 16, "Animals", 17, "Kids", 18, "Food");

    public static final Map<Integer, String> LICENCES = ordered(
            1, "Attribution", 2, "Attribution - Share Alike", 3, "Attribution - No Derivatives", 4, "Attribution - Non Commercial",
            5, "Attribution - Non Commercial - Share Alike", 6, "Attribution - Non Commercial - No Derivatives", 7, "Public Domain Dedication");

    public static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("fr", "French"), Map.entry("de", "German"), Map.entry("es", "Spanish"),
            Map.entry("it", "Italian"), Map.entry("pt", "Portuguese"), Map.entry("nl", "Dutch"), Map.entry("ja", "Japanese"),
            Map.entry("zh", "Chinese"), Map.entry("ru", "Russian"), Map.entry("ar", "Arabic"), Map.entry("pl", "Polish"),
            Map.entry("sv", "Swedish"), Map.entry("eo", "Esperanto"), Map.entry("ca", "Catalan"), Map.entry("eu", "Basque"),
            Map.entry("cs", "Czech"), Map.entry("fi", "Finnish"), Map.entry("el", "Greek"), Map.entry("hu", "Hungarian"),
            Map.entry("ko", "Korean"), Map.entry("tr", "Turkish"), Map.entry("uk", "Ukrainian"), Map.entry("zxx", "No linguistic content"));

    public static final Map<Integer, String> PRIVACIES = ordered(1, "Public", 2, "Unlisted", 3, "Private");

    public static final Map<Integer, String> COMMENTS_POLICIES = ordered(1, "Enabled", 2, "Disabled", 3, "Requires approval");

    private static Map<Integer, String> ordered(Object... kv) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((Integer) kv[i], (String) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
