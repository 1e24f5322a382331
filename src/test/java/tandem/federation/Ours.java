package tandem.federation;

import tandem.account.Account;
import tandem.account.Channel;
import tandem.video.Comment;
import tandem.video.Video;
import tandem.video.VideoFile;
import tandem.video.VideoPrivacy;
import tandem.video.VideoState;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.VideoUrls;
import tandem.media.TorrentFile;

/** One of our videos and comments built by hand, with where its files would be served, for round trips through our own parsers. */
final class Ours {
    static final String BASE = "https://a.example";
    /** The converters only build URLs from the base; the store is needed only to make actor keys, which they never ask for. */
    static final LocalActors LOCAL = new LocalActors(null, null, BASE, Clock.systemUTC());
    static final long T0 = Instant.parse("2025-02-01T10:00:00Z").toEpochMilli();
    static final Account BOB = new Account(3, 30L, "bob", null, "Bob", null, T0);
    static final Channel CHANNEL = new Channel(4, "bob_channel", null, "Bob's channel", null, null, T0, BOB);
    static final String UUID = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";
    static final String HLS_DIR = BASE + "/static/streaming-playlists/hls/" + UUID + "/";

    static final VideoUrls URLS = new VideoUrls() {
        @Override public String masterPlaylist(Video v) { return HLS_DIR + v.masterName(); }
        @Override public String segmentsSha256(Video v) { return HLS_DIR + v.segmentsShaName(); }
        @Override public String fileUrl(Video v, VideoFile f) { return HLS_DIR + f.fileName(); }
        @Override public String thumbnailUrl(Video v) { return BASE + "/lazy-static/thumbnails/" + v.thumbnailName(); }
        @Override public String previewUrl(Video v) { return BASE + "/lazy-static/previews/" + v.thumbnailName(); }
        @Override public List<String> trackers() { return List.of(BASE + "/tracker/announce", "wss://a.example/tracker/socket"); }
        @Override public String torrentUrl(VideoFile f) { return f.torrentName() == null ? null : BASE + "/lazy-static/torrents/" + f.torrentName(); }
        @Override public String magnetUri(Video v, VideoFile f) {
            return f.infoHash() == null ? null : TorrentFile.magnetUri(f.infoHash(), v.name(), trackers(), torrentUrl(f), List.of(fileUrl(v, f)));
        }
    };

    private Ours() {}

    static Video video() {
        return video("A *markdown* description");
    }

    static Video video(String description) {
        return video(description, VideoPrivacy.PUBLIC);
    }

    static Video video(String description, VideoPrivacy privacy) {
        return new Video(7, UUID, "Round trip", description, "Tip jar", 15, 2, "en", privacy,
                false, true, 1, false, VideoState.PUBLISHED, null, 100, 61, 1.7778, 1_000_000, "in.mp4", "k3y",
                5, 0, 0, true, true, 0, T0, T0 + 60_000, T0 + 30_000, null, List.of("roundtrip", "tandem"), CHANNEL);
    }

    /** Two HLS renditions with their torrents, given lowest first, and the uploaded original, which is not federated. */
    static List<VideoFile> files() {
        return List.of(
                new VideoFile(1, 7, VideoFile.HLS, 480, 854, 480, 29.97, 400_000, "k3y-480-fragmented.mp4", "k3y-480-hls.torrent", "48".repeat(20), true, true),
                new VideoFile(2, 7, VideoFile.HLS, 720, 1280, 720, 29.97, 900_000, "k3y-720-fragmented.mp4", "k3y-720-hls.torrent", "72".repeat(20), true, true),
                new VideoFile(3, 7, VideoFile.WEB, 1080, 1920, 1080, 29.97, 2_000_000, "in.mp4", null, null, true, true));
    }

    static Comment comment(String text, Long deletedAt) {
        return new Comment(11, 7, UUID, 11, null, text, T0 + 120_000, T0 + 120_000, deletedAt, BOB, 0, null, false, null);
    }
}
