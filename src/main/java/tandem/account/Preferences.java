package tandem.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a user's new settings and merges them over the stored ones (a null field keeps its value). */
final class Preferences {
    private static final Pattern LANGUAGE_CODE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$");
    private static final int MAX_VIDEO_LANGUAGES = 20;

    private Preferences() {}

    /**
     * {@code p2pEnabled} cannot return to "not decided" once chosen; an empty {@code videoLanguages}
     * list means all languages, and {@code language} "" means the browser's.
     */
    static UserPreferences merge(UserPreferences old, UserPreferences changes, Map<String, String> errors) {
        String nsfw = changes.nsfwPolicy() == null ? old.nsfwPolicy() : changes.nsfwPolicy();
        if (!UserPreferences.NSFW_POLICIES.contains(nsfw)) errors.put("nsfwPolicy", "Should be one of " + String.join(", ", UserPreferences.NSFW_POLICIES));
        String theme = changes.theme() == null ? old.theme() : changes.theme();
        if (!UserPreferences.THEMES.contains(theme)) errors.put("theme", "Should be one of " + String.join(", ", UserPreferences.THEMES));
        String language = changes.language() == null ? old.language() : changes.language().isEmpty() ? null : changes.language();
        if (language != null && !UserPreferences.LANGUAGES.contains(language)) {
            errors.put("language", "Should be one of " + String.join(", ", UserPreferences.LANGUAGES));
        }
        List<String> videoLanguages = old.videoLanguages();
        if (changes.videoLanguages() != null) {
            videoLanguages = changes.videoLanguages().isEmpty() ? null : new ArrayList<>(changes.videoLanguages());
            if (changes.videoLanguages().size() > MAX_VIDEO_LANGUAGES
                    || !changes.videoLanguages().stream().allMatch(l -> l != null && LANGUAGE_CODE.matcher(l).matches())) {
                errors.put("videoLanguages", "Should be a list of at most " + MAX_VIDEO_LANGUAGES + " language codes");
            }
        }
        return new UserPreferences(nsfw, changes.p2pEnabled() == null ? old.p2pEnabled() : changes.p2pEnabled(),
                changes.autoPlayVideo(), changes.autoPlayNextVideo(), videoLanguages, language, theme);
    }
}
