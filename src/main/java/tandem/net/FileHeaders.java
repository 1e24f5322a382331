package tandem.net;

import tandem.storage.BlobStore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** What both media listeners say about a stored file: its content type, validator and date, and the piece size they send in. */
public final class FileHeaders {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("m3u8", "application/vnd.apple.mpegurl"), Map.entry("mp4", "video/mp4"), Map.entry("m4s", "video/iso.segment"),
            Map.entry("json", "application/json"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("webm", "video/webm"), Map.entry("torrent", "application/x-bittorrent"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("mov", "video/quicktime"), Map.entry("ogv", "video/ogg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp3", "audio/mpeg"), Map.entry("vtt", "text/vtt"), Map.entry("ts", "video/mp2t"));
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** Larger than the connection's 4 KiB write buffer, so each piece goes to the socket directly. */
    public static final int CHUNK = 64 * 1024;

    private FileHeaders() {}

    public static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** The validator both listeners give a file: size and modification time, so a rewrite changes it. */
    public static String etag(BlobStore.BlobInfo info) {
        return "\"" + Long.toHexString(info.size()) + "-" + Long.toHexString(info.lastModifiedMillis()) + "\"";
    }

    public static String lastModified(BlobStore.BlobInfo info) {
        return HTTP_DATE.format(Instant.ofEpochMilli(info.lastModifiedMillis()));
    }
}
