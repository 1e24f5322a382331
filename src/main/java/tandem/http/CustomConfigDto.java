package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettings.P2pDefaults;
import tandem.instance.InstanceSettings.P2pMode;
import tandem.instance.InstanceSettings.Signup;
import tandem.instance.InstanceSettings.SignupPolicy;
import tandem.instance.InstanceSettingsRules;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PeerTube's admin `CustomConfig` object, both ways: our settings shown in its shape (plus the sections PeerTube's
 * own client expects, with the fixed values Tandem runs with), and a body sent to `PUT /config/custom` read back into
 * settings. A setting the body leaves out keeps its current value; sections we do not know are accepted and echoed.
 */
final class CustomConfigDto {
    private CustomConfigDto() {}

    static Map<String, Object> of(InstanceSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", s.name());
        instance.put("shortDescription", s.shortDescription());
        instance.put("description", s.description());
        instance.put("terms", s.terms());
        for (String empty : List.of("codeOfConduct", "creationReason", "moderationInformation", "administrator", "maintenanceLifetime",
                "businessModel", "hardwareInformation", "serverCountry")) {
            instance.put(empty, "");
        }
        instance.put("languages", List.of());
        instance.put("categories", List.of());
        instance.put("isNSFW", false);
        instance.put("defaultNSFWPolicy", s.nsfwPolicy());
        instance.put("defaultClientRoute", "/videos/browse");
        instance.put("customizations", Map.of("javascript", "", "css", ""));
        m.put("instance", instance);
        m.put("theme", Map.of("default", "default"));
        m.put("admin", Map.of("email", s.contactEmail()));
        m.put("contactForm", Map.of("enabled", false));
        m.put("signup", Map.of("enabled", s.signup().policy() != SignupPolicy.CLOSED, "limit", s.signup().limit(),
                "requiresApproval", s.signup().policy() == SignupPolicy.APPROVAL, "requiresEmailVerification", s.signup().requiresEmailVerification(),
                "minimumAge", s.signup().minimumAge()));
        m.put("user", Map.of("history", Map.of("videos", Map.of("enabled", true)),
                "videoQuota", s.defaultVideoQuota(), "videoQuotaDaily", s.defaultVideoQuotaDaily()));
        Map<String, Object> resolutions = new LinkedHashMap<>();
        resolutions.put("0p", false);
        for (int r : InstanceSettings.SUPPORTED_RESOLUTIONS) resolutions.put(r + "p", s.resolutions().contains(r));
        m.put("transcoding", ServerConfigDto.map("enabled", true, "allowAdditionalExtensions", true, "allowAudioFiles", true,
                "profile", "default", "resolutions", resolutions, "alwaysTranscodeOriginalResolution", false,
                "webVideos", Map.of("enabled", false), "hls", Map.of("enabled", true),
                "remoteRunners", Map.of("enabled", false)));
        m.put("live", Map.of("enabled", false));
        m.put("videoStudio", Map.of("enabled", false));
        m.put("import", Map.of("videos", Map.of("http", Map.of("enabled", false), "torrent", Map.of("enabled", false))));
        m.put("tandem", Map.of("p2p", Map.of("anonymous", ServerConfigDto.lower(s.p2p().anonymous()), "users", ServerConfigDto.lower(s.p2p().users()))));
        return m;
    }

    /** The settings a PUT body asks for; a value of the wrong type or out of the known ones is a 400 naming its path. */
    static InstanceSettings read(JsonNode body, InstanceSettings now) {
        if (body == null || !body.isObject()) throw InstanceSettingsRules.bad("body", "The body must be a CustomConfig JSON object");
        JsonNode signup = body.path("signup");
        SignupPolicy policy = now.signup().policy();
        if (signup.has("enabled") || signup.has("requiresApproval")) {
            boolean enabled = bool(signup, "signup.enabled", "enabled", policy != SignupPolicy.CLOSED);
            boolean approval = bool(signup, "signup.requiresApproval", "requiresApproval", policy == SignupPolicy.APPROVAL);
            policy = !enabled ? SignupPolicy.CLOSED : approval ? SignupPolicy.APPROVAL : SignupPolicy.OPEN;
        }
        JsonNode instance = body.path("instance");
        JsonNode user = body.path("user");
        JsonNode p2p = body.path("tandem").path("p2p");
        return new InstanceSettings(
                text(instance, "instance.name", "name", now.name()),
                text(instance, "instance.shortDescription", "shortDescription", now.shortDescription()),
                text(instance, "instance.description", "description", now.description()),
                text(instance, "instance.terms", "terms", now.terms()),
                text(body.path("admin"), "admin.email", "email", now.contactEmail()).strip(),
                new Signup(policy, (int) number(signup, "signup.limit", "limit", now.signup().limit()),
                        (int) number(signup, "signup.minimumAge", "minimumAge", now.signup().minimumAge()),
                        bool(signup, "signup.requiresEmailVerification", "requiresEmailVerification", now.signup().requiresEmailVerification())),
                number(user, "user.videoQuota", "videoQuota", now.defaultVideoQuota()),
                number(user, "user.videoQuotaDaily", "videoQuotaDaily", now.defaultVideoQuotaDaily()),
                resolutions(body.path("transcoding").path("resolutions"), now.resolutions()),
                text(instance, "instance.defaultNSFWPolicy", "defaultNSFWPolicy", now.nsfwPolicy()),
                new P2pDefaults(mode(p2p, "anonymous", now.p2p().anonymous()), mode(p2p, "users", now.p2p().users())));
    }

    /** What a PUT answers: the body as sent, its known settings replaced by what is now stored. */
    static JsonNode echo(ObjectMapper mapper, JsonNode body, InstanceSettings saved) {
        ObjectNode out = body.deepCopy();
        overlay(out, mapper.valueToTree(of(saved)));
        return out;
    }

    private static void overlay(ObjectNode base, JsonNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && base.path(e.getKey()).isObject()) overlay((ObjectNode) base.get(e.getKey()), e.getValue());
            else base.set(e.getKey(), e.getValue());
        }
    }

    private static List<Integer> resolutions(JsonNode node, List<Integer> now) {
        if (node.isMissingNode() || node.isNull()) return now;
        if (!node.isObject()) throw InstanceSettingsRules.bad("transcoding.resolutions", "transcoding.resolutions must be an object like {\"720p\": true}");
        List<Integer> chosen = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "transcoding.resolutions." + e.getKey();
            if (!e.getValue().isBoolean()) throw InstanceSettingsRules.bad(field, field + " must be true or false");
            if (e.getKey().equals("0p")) continue; // PeerTube's audio-only rendition: we always keep the audio with the picture
            Integer height = e.getKey().matches("\\d{1,4}p") ? Integer.valueOf(e.getKey().substring(0, e.getKey().length() - 1)) : null;
            if (height == null || !InstanceSettings.SUPPORTED_RESOLUTIONS.contains(height)) {
                throw InstanceSettingsRules.bad(field, field + " is not a resolution Tandem encodes; choose among "
                        + InstanceSettings.SUPPORTED_RESOLUTIONS.stream().map(r -> r + "p").toList());
            }
            if (e.getValue().asBoolean()) chosen.add(height);
        }
        return chosen.stream().sorted().toList();
    }

    private static P2pMode mode(JsonNode p2p, String key, P2pMode now) {
        JsonNode v = p2p.path(key);
        if (v.isMissingNode() || v.isNull()) return now;
        String field = "tandem.p2p." + key;
        try {
            if (!v.isTextual()) throw new IllegalArgumentException();
            return P2pMode.valueOf(v.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InstanceSettingsRules.bad(field, field + " must be on, off or ask");
        }
    }

    private static String text(JsonNode parent, String field, String key, String now) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) return now;
        if (!v.isTextual()) throw InstanceSettingsRules.bad(field, field + " must be text");
        return v.asText();
    }

    private static long number(JsonNode parent, String field, String key, long now) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) return now;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw InstanceSettingsRules.bad(field, field + " must be a whole number");
        long n = v.asLong();
        if (!field.startsWith("user.") && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw InstanceSettingsRules.bad(field, field + " is too large");
        }
        return n;
    }

    private static boolean bool(JsonNode parent, String field, String key, boolean now) {
        JsonNode v = parent.path(key);
        if (v.isMissingNode() || v.isNull()) return now;
        if (!v.isBoolean()) throw InstanceSettingsRules.bad(field, field + " must be true or false");
        return v.asBoolean();
    }
}
