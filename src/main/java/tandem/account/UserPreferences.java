package tandem.account;

import java.util.List;

/**
 * What a user chose for their own viewing (PeerTube's user settings). {@code p2pEnabled} null means
 * the user has not decided yet (the instance asks first); {@code videoLanguages} null means all;
 * {@code language} null means the browser's; {@code theme} is system, light or dark.
 */
public record UserPreferences(String nsfwPolicy, Boolean p2pEnabled, boolean autoPlayVideo, boolean autoPlayNextVideo,
                              List<String> videoLanguages, String language, String theme) {
    static final List<String> NSFW_POLICIES = List.of("display", "blur", "do_not_list");
    static final List<String> THEMES = List.of("system", "light", "dark");
    static final List<String> LANGUAGES = List.of("en", "fr");
}
