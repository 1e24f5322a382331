package tandem.media;

/**
 * What ffprobe found in a usable media file.
 *
 * @param formatName      ffprobe container names, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param durationSeconds duration, always positive
 * @param bitRate         overall bits per second, 0 when unknown
 * @param sizeBytes       file size
 * @param video           the video stream, or null for audio-only files
 * @param audio           the audio stream, or null for silent videos
 */
public record MediaInfo(String formatName, double durationSeconds, long bitRate, long sizeBytes,
                        VideoStreamInfo video, AudioStreamInfo audio) {

    /** Returns true when the file has a (moving) video stream. */
    public boolean hasVideo() {
        return video != null;
    }

    /** Returns true when the file has an audio stream. */
    public boolean hasAudio() {
        return audio != null;
    }
}
