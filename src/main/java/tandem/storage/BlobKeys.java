package tandem.storage;

/**
 * The one place that lays out blob keys: the folders match PeerTube's static URL paths, and local
 * disk uses the keys as relative paths, so changing one here moves files and changes URLs.
 */
public final class BlobKeys {
    private static final int UUID_LENGTH = 36;

    private BlobKeys() {}

    /** An uploaded original (a web video), named `<fileKey>-original.<ext>`. */
    public static String webVideo(String fileName) {
        return "web-videos/" + fileName;
    }

    /** The folder holding a video's HLS playlists, fragmented MP4s and segment hashes; deleting it removes them all. */
    public static String hlsFolder(String videoUuid) {
        return "streaming-playlists/hls/" + videoUuid + "/";
    }

    /** One file of a video's HLS folder. */
    public static String hlsFile(String videoUuid, String fileName) {
        return hlsFolder(videoUuid) + fileName;
    }

    /** A video's thumbnail. */
    public static String thumbnail(String fileName) {
        return "thumbnails/" + fileName;
    }

    /** A video's preview (the large still). */
    public static String preview(String fileName) {
        return "previews/" + fileName;
    }

    /** A .torrent file. */
    public static String torrent(String fileName) {
        return "torrents/" + fileName;
    }

    /** The folder of a video's captions, so deleting the video removes them with one prefix. */
    public static String captionsFolder(String videoUuid) {
        return "captions/" + videoUuid + "/";
    }

    /** A caption file, named `<videoUuid>-<language>.vtt`: its folder is the UUID its name starts with. */
    public static String caption(String fileName) {
        return captionsFolder(fileName.substring(0, Math.min(UUID_LENGTH, fileName.length()))) + fileName;
    }

    /** The folder of our mirror of another instance's video: PeerTube's `/static/redundancy/hls/<uuid>/`. */
    public static String mirrorFolder(String videoUuid) {
        return "redundancy/hls/" + videoUuid + "/";
    }

    /** One file of our mirror, under the origin's own file name. */
    public static String mirrorFile(String videoUuid, String fileName) {
        return mirrorFolder(videoUuid) + fileName;
    }

    /** An account's or channel's avatar, at one size: PeerTube's `/lazy-static/avatars/` folder. */
    public static String avatar(String fileName) {
        return "avatars/" + fileName;
    }

    /** A channel's banner, at one size: PeerTube's `/lazy-static/banners/` folder. */
    public static String banner(String fileName) {
        return "banners/" + fileName;
    }
}
