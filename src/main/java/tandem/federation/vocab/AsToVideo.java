package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a remote `Video` object as PeerTube validates it (interop notes §2.5): required fields,
 * a JPEG icon, a Group in `attributedTo`, invalid `url` entries dropped. The video, its Person and
 * its Group must live on one host: nobody may publish a video in another instance's name.
 */
public final class AsToVideo {
    private static final Pattern DURATION = Pattern.compile("^PT(\\d{1,7})S$");
    private static final Pattern INFOHASH = Pattern.compile("^[0-9a-f]{40}$");
    private static final java.util.Set<String> PUBLIC = java.util.Set.of(Contexts.PUBLIC, "as:Public", "Public");
    /** PeerTube's ladder has 9 resolutions and audio: more web files than that is not a real video's. */
    private static final int MAX_WEB_FILES = 10;

    private AsToVideo() {}

    public static RemoteVideo parse(JsonNode o) {
        if (!"Video".equals(o.path("type").asText())) throw new FederationException("object is not a Video");
        String id = Texts.url(o, "id", true);
        String host = Texts.hostOf(id);
        String name = Texts.clean(o.path("name").asText(""));
        if (name.length() < 3 || name.length() > 120) throw new FederationException("video name must have 3 to 120 characters");
        Matcher d = DURATION.matcher(o.path("duration").asText(""));
        if (!d.matches()) throw new FederationException("video duration must look like PT<seconds>S");
        String uuid = o.path("uuid").asText("");
        try {
            UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw new FederationException("invalid video uuid '" + uuid + "'");
        }
        if (!o.path("views").canConvertToLong()) throw new FederationException("video views must be a number");
        long published = instant(o, "published", true);
        long updated = instant(o, "updated", true);
        String owner = null;
        String channel = null;
        for (JsonNode a : o.path("attributedTo")) {
            String type = a.path("type").asText();
            String url = a.path("id").asText(null);
            if ("Person".equals(type) && owner == null) owner = url;
            if ("Group".equals(type) && channel == null) channel = url;
        }
        if (channel == null) throw new FederationException("video has no Group (channel) in attributedTo");
        if (owner == null) throw new FederationException("video has no Person (account) in attributedTo");
        for (String who : List.of(owner, channel)) {
            if (!host.equals(Texts.hostOf(who))) throw new FederationException("video " + id + " is attributed to " + who + ", another host");
        }
        List<JsonNode> icons = new ArrayList<>();
        for (JsonNode i : o.path("icon")) {
            if ("image/jpeg".equals(i.path("mediaType").asText()) && i.path("width").isInt() && i.path("height").isInt() && httpUrl(i.path("url").asText(null))) {
                icons.add(i);
            }
        }
        if (icons.isEmpty()) throw new FederationException("video has no valid JPEG icon");
        // PeerTube's picks: the thumbnail is the smallest icon wider than 150 (else the smallest), the
        // preview the largest wider than 400 (else none: the thumbnail stands in).
        Comparator<JsonNode> byWidth = Comparator.comparingInt(i -> i.path("width").asInt());
        String thumbnail = icons.stream().filter(i -> i.path("width").asInt() > 150).min(byWidth)
                .or(() -> icons.stream().min(byWidth)).orElseThrow().path("url").asText();
        String preview = icons.stream().filter(i -> i.path("width").asInt() > 400).max(byWidth).map(i -> i.path("url").asText()).orElse(null);
        String playlist = null, sha256 = null;
        List<String> hashes = new ArrayList<>();
        List<String> trackers = new ArrayList<>();
        List<RemoteVideo.File> files = new ArrayList<>();
        List<RemoteVideo.File> webFiles = new ArrayList<>();
        for (JsonNode link : o.path("url")) {
            String mt = link.path("mediaType").asText("");
            String href = link.path("href").asText(null);
            if (!httpUrl(href) && !(href != null && href.startsWith("ws") && httpUrl("http" + href.substring(2)))) continue;
            if ("application/x-mpegURL".equals(mt) && link.path("tag").isArray() && playlist == null) {
                playlist = href;
                for (JsonNode t : link.path("tag")) {
                    String tn = t.path("name").asText("");
                    if ("Infohash".equals(t.path("type").asText()) && INFOHASH.matcher(tn).matches()) hashes.add(tn);
                    else if ("sha256".equals(tn) && httpUrl(t.path("href").asText(null))) sha256 = t.path("href").asText();
                    else if (fileLink(t)) files.add(file(t));
                }
            } else if (fileLink(link) && webFiles.size() < MAX_WEB_FILES) {
                webFiles.add(file(link));
            } else if (tracker(link)) {
                trackers.add(href);
            }
        }
        return new RemoteVideo(id, uuid, name, text(o, "content", 10_000), text(o, "support", 1000),
                intIdentifier(o.path("category")), intIdentifier(o.path("licence")), language(o.path("language")), privacy(o),
                o.path("sensitive").asBoolean(false), o.path("downloadEnabled").asBoolean(true),
                o.has("commentsPolicy") ? o.path("commentsPolicy").asInt(1) : (o.path("commentsEnabled").asBoolean(false) ? 1 : 2),
                Integer.parseInt(d.group(1)), o.path("aspectRatio").isNumber() ? o.path("aspectRatio").asDouble() : null,
                o.path("views").asLong(), published, updated, o.hasNonNull("originallyPublishedAt") ? instant(o, "originallyPublishedAt", false) : null,
                tags(o), playlist, sha256, hashes, trackers, files, webFiles, thumbnail, preview, owner, channel,
                Texts.url(o, "likes", false), Texts.url(o, "dislikes", false));
    }

    /** A tracker link, HTTP or WebSocket: the API lists both, as PeerTube does (its player keeps the WebSocket ones). */
    private static boolean tracker(JsonNode link) {
        for (JsonNode rel : link.path("rel")) {
            if ("tracker".equals(rel.asText())) return true;
        }
        return false;
    }

    /** An MP4 rendition: an HLS playlist's fragmented file, or (at the top level) a web-video file played as is. */
    private static boolean fileLink(JsonNode t) {
        return t.path("mediaType").asText("").matches("video/mp4|audio/mp4") && t.path("height").isInt()
                && t.path("size").canConvertToLong() && httpUrl(t.path("href").asText(null));
    }

    private static RemoteVideo.File file(JsonNode t) {
        int resolution = t.path("height").asInt();
        boolean audio = false, video = false, hinted = false;
        // PeerTube 6.3 attaches one `ffprobe_codec_type` per stream the file has and ORs them on reading;
        // a file without any hint is audio alone at resolution 0, else video with audio.
        for (JsonNode a : t.path("attachment")) {
            if (!"PropertyValue".equals(a.path("type").asText()) || !"ffprobe_codec_type".equals(a.path("name").asText())) continue;
            hinted = true;
            audio |= "audio".equals(a.path("value").asText());
            video |= "video".equals(a.path("value").asText());
        }
        if (!hinted) {
            audio = true;
            video = resolution > 0;
        }
        return new RemoteVideo.File(resolution, t.path("width").asInt(0), resolution,
                t.path("fps").asInt(0), t.path("size").asLong(), t.path("href").asText(), audio, video);
    }

    /** PeerTube's rule: public when `to` names the public collection, else unlisted (sent to no one in particular). */
    private static int privacy(JsonNode o) {
        JsonNode to = o.path("to");
        if (to.isTextual()) return PUBLIC.contains(to.asText()) ? 1 : 2;
        for (JsonNode t : to) {
            if (PUBLIC.contains(t.asText())) return 1;
        }
        return 2;
    }

    private static List<String> tags(JsonNode o) {
        List<String> tags = new ArrayList<>();
        for (JsonNode t : o.path("tag")) {
            String n = Texts.clean(t.path("name").asText(""));
            if ("Hashtag".equals(t.path("type").asText()) && !n.isBlank() && n.length() <= 30 && tags.size() < 5) tags.add(n.startsWith("#") ? n.substring(1) : n);
        }
        return tags;
    }

    private static boolean httpUrl(String s) {
        return Texts.isHttpUrl(s);
    }

    private static Integer intIdentifier(JsonNode c) {
        String s = c.path("identifier").asText("");
        return s.matches("\\d{1,4}") ? Integer.valueOf(s) : null;
    }

    private static String language(JsonNode c) {
        String s = c.path("identifier").asText("");
        return s.matches("[a-zA-Z-]{2,10}") ? s : null;
    }

    private static String text(JsonNode o, String field, int max) {
        JsonNode v = o.path(field);
        return v.isTextual() ? Texts.truncate(Texts.clean(v.asText()), max) : null;
    }

    private static long instant(JsonNode o, String field, boolean required) {
        try {
            return Instant.parse(o.path(field).asText("")).toEpochMilli();
        } catch (DateTimeParseException e) {
            if (required) throw new FederationException("video " + field + " must be an ISO date");
            return 0;
        }
    }
}
