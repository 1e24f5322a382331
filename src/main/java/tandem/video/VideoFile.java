package tandem.video;

/** One stored media file of a video: the uploaded original ("web") or an HLS rendition. */
public record VideoFile(long id, long videoId, String kind, int resolution, int width, int height, double fps, long size,
                        String fileName, String torrentName, String infoHash, boolean hasAudio, boolean hasVideo) {
    public static final String WEB = "web";
    public static final String HLS = "hls";
}
