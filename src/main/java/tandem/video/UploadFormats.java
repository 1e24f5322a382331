package tandem.video;

import java.util.Locale;
import java.util.Set;

/** File extensions accepted as video or audio uploads (PeerTube's list, audio files included). */
public final class UploadFormats {
    private UploadFormats() {}

    public static final Set<String> EXTENSIONS = Set.of(".mp4", ".ogv", ".webm", ".flv", ".mkv", ".mov", ".qt", ".mqv", ".m4v",
            ".f4v", ".wmv", ".avi", ".3gp", ".3gpp", ".3g2", ".3gpp2", ".nut", ".mts", ".m2ts", ".mpv", ".m2v", ".m1v", ".mpg",
            ".mpe", ".mpeg", ".vob", ".mxf", ".mp3", ".wma", ".wav", ".flac", ".aac", ".m4a", ".ac3", ".ogg", ".oga", ".opus", ".ts");

    public static boolean accepted(String fileName) {
        if (fileName == null) return false;
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(fileName.substring(dot).toLowerCase(Locale.ROOT));
    }
}
