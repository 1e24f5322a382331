package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.p2p.Infohashes;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoConstants;
import tandem.video.VideoFile;

import java.time.Instant;
import java.util.List;
import tandem.federation.actor.Actor;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.VideoUrls;

/** Our videos as PeerTube `Video` objects (interop notes §2.5): what followers store and play from our playlists. */
public final class VideoToAs {
    private final ObjectMapper mapper;
    private final LocalActors local;
    private final VideoUrls urls;

    public VideoToAs(ObjectMapper mapper, LocalActors local, VideoUrls urls) {
        this.mapper = mapper;
        this.local = local;
        this.urls = urls;
    }

    public ObjectNode video(Video v, List<VideoFile> files) {
        String id = local.videoUrl(v.uuid());
        ObjectNode o = mapper.createObjectNode();
        o.set("@context", Contexts.video(mapper));
        o.put("type", "Video");
        o.put("id", id);
        o.put("name", v.name());
        o.put("duration", "PT" + v.duration() + "S");
        o.put("uuid", v.uuid());
        ArrayNode tags = o.putArray("tag");
        for (String t : v.tags()) tags.addObject().put("type", "Hashtag").put("name", t);
        constant(o, "category", v.category() == null ? null : String.valueOf(v.category()),
                v.category() == null ? null : VideoConstants.CATEGORIES.get(v.category()));
        constant(o, "licence", v.licence() == null ? null : String.valueOf(v.licence()),
                v.licence() == null ? null : VideoConstants.LICENCES.get(v.licence()));
        constant(o, "language", v.language(), v.language() == null ? null : VideoConstants.LANGUAGES.getOrDefault(v.language(), v.language()));
        o.put("views", v.views());
        o.put("sensitive", v.nsfw());
        o.put("waitTranscoding", v.waitTranscoding());
        o.put("state", v.state().id);
        o.put("commentsEnabled", v.commentsPolicy() != 2);
        o.put("commentsPolicy", v.commentsPolicy());
        // PeerTube's FEP-5624 marker: null when anyone may comment, else as:Public (6.3 also puts it on disabled comments).
        if (v.commentsPolicy() == 1) o.putNull("canReply");
        else o.put("canReply", Contexts.PUBLIC);
        o.put("downloadEnabled", v.downloadEnabled());
        long published = v.publishedAt() == null ? v.createdAt() : v.publishedAt();
        o.put("published", Instant.ofEpochMilli(published).toString());
        o.put("originallyPublishedAt", v.originallyPublishedAt() == null ? null : Instant.ofEpochMilli(v.originallyPublishedAt()).toString());
        o.put("updated", Instant.ofEpochMilli(v.updatedAt()).toString());
        o.put("uploadDate", Instant.ofEpochMilli(v.createdAt()).toString());
        o.put("mediaType", "text/markdown");
        // PeerTube refuses a whole video whose description has fewer than 3 characters: none, then.
        String description = v.description() == null || v.description().strip().length() < 3 ? null : v.description();
        o.put("content", description);
        o.put("support", v.support());
        o.putArray("subtitleLanguage");
        ArrayNode icon = o.putArray("icon");
        icon.addObject().put("type", "Image").put("url", urls.thumbnailUrl(v)).put("mediaType", "image/jpeg").put("width", 280).put("height", 157);
        icon.addObject().put("type", "Image").put("url", urls.previewUrl(v)).put("mediaType", "image/jpeg").put("width", 850).put("height", 480);
        o.putArray("preview");
        if (v.aspectRatio() != null) o.put("aspectRatio", v.aspectRatio());
        o.set("url", links(v, files, id));
        o.put("likes", id + "/likes");
        o.put("dislikes", id + "/dislikes");
        o.put("shares", id + "/announces");
        o.put("comments", id + "/comments");
        o.put("hasParts", id + "/chapters");
        ArrayNode attributed = o.putArray("attributedTo");
        attributed.addObject().put("type", "Person").put("id", local.accountUrl(v.channel().account().name()));
        attributed.addObject().put("type", "Group").put("id", local.channelUrl(v.channel().name()));
        o.put("isLiveBroadcast", false);
        o.putNull("liveSaveReplay");
        o.putNull("permanentLive");
        o.putNull("latencyMode");
        // As PeerTube: an unlisted video goes to no one in particular (receivers list it as unlisted).
        ArrayNode to = o.putArray("to");
        ArrayNode cc = o.putArray("cc");
        if (v.privacy() == VideoPrivacy.PUBLIC) {
            to.add(Contexts.PUBLIC);
            cc.add(local.accountUrl(v.channel().account().name()) + "/followers");
        }
        return o;
    }

    /** `url[]`: the watch page first (Mastodon shows it), then the HLS playlist with its files and swarm ids, then trackers. */
    private ArrayNode links(Video v, List<VideoFile> files, String id) {
        ArrayNode url = mapper.createArrayNode();
        url.addObject().put("type", "Link").put("mediaType", "text/html").put("href", id);
        List<VideoFile> hls = files.stream().filter(f -> VideoFile.HLS.equals(f.kind())).toList();
        if (!hls.isEmpty()) {
            String master = urls.masterPlaylist(v);
            ObjectNode playlist = url.addObject().put("type", "Link").put("mediaType", "application/x-mpegURL").put("href", master);
            ArrayNode tag = playlist.putArray("tag");
            for (String hash : Infohashes.forMaster(master, hls.size())) tag.addObject().put("type", "Infohash").put("name", hash);
            tag.addObject().put("type", "Link").put("name", "sha256").put("mediaType", "application/json").put("href", urls.segmentsSha256(v));
            for (VideoFile f : hls.stream().sorted((a, b) -> Integer.compare(b.resolution(), a.resolution())).toList()) {
                ObjectNode file = sized(tag.addObject().put("type", "Link").put("mediaType", f.hasVideo() ? "video/mp4" : "audio/mp4")
                        .put("href", urls.fileUrl(v, f)), f).put("size", f.size());
                ArrayNode attachment = file.putArray("attachment");
                // One hint per stream present, as PeerTube sends them: it ORs them, so a lone "video" reads as silent.
                if (f.hasAudio()) attachment.addObject().put("type", "PropertyValue").put("name", "ffprobe_codec_type").put("value", "audio");
                if (f.hasVideo()) attachment.addObject().put("type", "PropertyValue").put("name", "ffprobe_codec_type").put("value", "video");
                attachment.addObject().put("type", "PropertyValue").put("name", "peertube_format_flag").put("value", "fragmented");
                // PeerTube takes a file's torrent URL and infohash from the magnet of the same height.
                if (f.torrentName() != null) {
                    sized(tag.addObject().put("type", "Link").put("mediaType", "application/x-bittorrent").put("href", urls.torrentUrl(f)), f);
                    sized(tag.addObject().put("type", "Link").put("mediaType", "application/x-bittorrent;x-scheme-handler/magnet")
                            .put("href", urls.magnetUri(v, f)), f);
                }
            }
        }
        for (String t : urls.trackers()) {
            boolean ws = t.startsWith("ws");
            url.addObject().put("type", "Link").put("name", ws ? "tracker-websocket" : "tracker-http")
                    .put("href", t).putArray("rel").add("tracker").add(ws ? "websocket" : "http");
        }
        return url;
    }

    /** The height, width and fps by which PeerTube pairs a file with its torrent and magnet links. */
    private static ObjectNode sized(ObjectNode link, VideoFile f) {
        return link.put("height", f.resolution()).put("width", f.width()).put("fps", (int) Math.round(f.fps()));
    }

    private void constant(ObjectNode o, String field, String identifier, String name) {
        if (identifier == null) {
            o.putNull(field);
            return;
        }
        o.putObject(field).put("identifier", identifier).put("name", name == null ? identifier : name);
    }

    /**
     * A share of one of our videos, as PeerTube makes them: by the instance actor and by the channel,
     * pushed after the Create and listed in their outboxes; the id is the video's `/announces/<actor id>`.
     */
    public ObjectNode announce(Actor by, String videoUrl) {
        ObjectNode a = mapper.createObjectNode();
        a.put("id", videoUrl + "/announces/" + by.id());
        a.put("type", "Announce");
        a.put("actor", by.url());
        a.put("object", videoUrl);
        a.putArray("to").add(Contexts.PUBLIC);
        a.putArray("cc");
        return a;
    }
}
