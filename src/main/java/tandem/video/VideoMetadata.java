package tandem.video;

import tandem.core.Problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validated video metadata from an upload or an update. For updates every field is optional;
 * a null means "leave as is".
 */
public record VideoMetadata(String name, Long channelId, VideoPrivacy privacy, Integer category, Integer licence,
                            String language, String description, String support, Boolean nsfw, Boolean waitTranscoding,
                            Boolean downloadEnabled, Integer commentsPolicy, List<String> tags, Long originallyPublishedAt) {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");

    /** Parses and validates; `creating` makes name and channelId required. */
    public static VideoMetadata parse(Fields f, boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = f.get("name");
        if (name != null) name = name.trim();
        if ((creating || name != null) && (name == null || name.length() < 3 || name.length() > 120)) {
            errors.put("name", "Should have a video name between 3 and 120 characters long");
        }
        Long channelId = longField(f, "channelId", errors);
        if (creating && channelId == null && !errors.containsKey("channelId")) errors.put("channelId", "Should have correct video channel id");
        Integer privacyId = intField(f, "privacy", errors);
        VideoPrivacy privacy = privacyId == null ? null : VideoPrivacy.byId(privacyId);
        if (privacyId != null && privacy == null) errors.put("privacy", "Should have correct video privacy (1 public, 2 unlisted, 3 private)");
        Integer category = intField(f, "category", errors);
        if (category != null && !VideoConstants.CATEGORIES.containsKey(category)) errors.put("category", "Should have a valid category");
        Integer licence = intField(f, "licence", errors);
        if (licence != null && !VideoConstants.LICENCES.containsKey(licence)) errors.put("licence", "Should have a valid licence");
        String language = blankToNull(f.get("language"));
        if (language != null && !LANGUAGE.matcher(language).matches()) errors.put("language", "Should have a valid language");
        String description = f.get("description");
        if (description != null && (description.length() > 10_000)) errors.put("description", "Should have a valid description (at most 10000 characters)");
        String support = f.get("support");
        if (support != null && support.length() > 1000) errors.put("support", "Should have a valid support text (at most 1000 characters)");
        Boolean nsfw = boolField(f, "nsfw", errors);
        Boolean wait = boolField(f, "waitTranscoding", errors);
        Boolean download = boolField(f, "downloadEnabled", errors);
        Integer commentsPolicy = intField(f, "commentsPolicy", errors);
        if (commentsPolicy != null && !VideoConstants.COMMENTS_POLICIES.containsKey(commentsPolicy)) errors.put("commentsPolicy", "Should have a valid comments policy");
        if (commentsPolicy == null) {
            Boolean commentsEnabled = boolField(f, "commentsEnabled", errors);
            if (commentsEnabled != null) commentsPolicy = commentsEnabled ? 1 : 2;
        }
        List<String> tags = null;
        if (f.has("tags")) {
            tags = f.list("tags").stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
            if (tags.size() > 5 || tags.stream().anyMatch(t -> t.length() < 2 || t.length() > 30)) {
                errors.put("tags", "Should have correct tags (at most 5, each 2 to 30 characters)");
            }
        }
        Long originallyPublishedAt = null;
        String opa = blankToNull(f.get("originallyPublishedAt"));
        if (opa != null) {
            try {
                originallyPublishedAt = Instant.parse(opa).toEpochMilli();
            } catch (DateTimeParseException e) {
                errors.put("originallyPublishedAt", "Should have a valid original publication date");
            }
        }
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        return new VideoMetadata(name, channelId, privacy, category, licence, language, description, support, nsfw, wait,
                download, commentsPolicy, tags, originallyPublishedAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || "null".equals(s) ? null : s.trim();
    }

    private static Long longField(Fields f, String name, Map<String, String> errors) {
        String v = blankToNull(f.get(name));
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            errors.put(name, "Should have a valid " + name);
            return null;
        }
    }

    private static Integer intField(Fields f, String name, Map<String, String> errors) {
        Long l = longField(f, name, errors);
        if (l != null && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            errors.put(name, "Should have a valid " + name);
            return null;
        }
        return l == null ? null : l.intValue();
    }

    private static Boolean boolField(Fields f, String name, Map<String, String> errors) {
        String v = blankToNull(f.get(name));
        if (v == null) return null;
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> {
                errors.put(name, "Should have a boolean " + name);
                yield null;
            }
        };
    }
}
