package tandem.instance;

import tandem.core.Problem;

import java.util.Map;

/**
 * The rules an administrator's settings must keep; each broken one is a 400 naming the setting by its path in
 * PeerTube's CustomConfig, in the message and as a per-field error, so a form can show it next to the field.
 */
public final class InstanceSettingsRules {
    private InstanceSettingsRules() {}

    /** A 400 whose message and invalid-parameter key name the setting. */
    public static Problem bad(String field, String message) {
        return new Problem(400, null, message, Map.of(field, message));
    }

    static void check(InstanceSettings s) {
        text("instance.name", s.name(), 1, 120);
        text("instance.shortDescription", s.shortDescription(), 0, 250);
        text("instance.description", s.description(), 0, 10_000);
        text("instance.terms", s.terms(), 0, 10_000);
        text("admin.email", s.contactEmail(), 0, 254);
        if (!s.contactEmail().isEmpty() && !s.contactEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw bad("admin.email", "admin.email must be an e-mail address, like contact@example.org");
        }
        if (s.signup() == null || s.signup().policy() == null) throw bad("signup.enabled", "signup: choose closed, open or on approval");
        if (s.signup().limit() < -1) throw bad("signup.limit", "signup.limit must be -1 (no limit) or a number of users");
        if (s.signup().minimumAge() < 0 || s.signup().minimumAge() > 120) {
            throw bad("signup.minimumAge", "signup.minimumAge must be between 0 and 120");
        }
        quota("user.videoQuota", s.defaultVideoQuota());
        quota("user.videoQuotaDaily", s.defaultVideoQuotaDaily());
        if (s.resolutions().isEmpty()) throw bad("transcoding.resolutions", "transcoding.resolutions: keep at least one resolution");
        for (int r : s.resolutions()) {
            if (!InstanceSettings.SUPPORTED_RESOLUTIONS.contains(r)) {
                throw bad("transcoding.resolutions", "transcoding.resolutions: " + r + "p is not one of " + InstanceSettings.SUPPORTED_RESOLUTIONS);
            }
        }
        if (!InstanceSettings.NSFW_POLICIES.contains(s.nsfwPolicy())) {
            throw bad("instance.defaultNSFWPolicy", "instance.defaultNSFWPolicy must be one of " + InstanceSettings.NSFW_POLICIES);
        }
        if (s.p2p() == null || s.p2p().anonymous() == null || s.p2p().users() == null) {
            throw bad("tandem.p2p", "tandem.p2p: set the default for anonymous viewers and for users (on, off or ask)");
        }
    }

    private static void text(String field, String value, int min, int max) {
        if (value == null) throw bad(field, field + " is missing");
        if (value.strip().length() < min || value.length() > max) {
            throw bad(field, field + " must be " + (min > 0 ? "between " + min + " and " : "at most ") + max + " characters");
        }
    }

    private static void quota(String field, long bytes) {
        if (bytes < -1) throw bad(field, field + " must be -1 (no limit) or a number of bytes");
    }
}
