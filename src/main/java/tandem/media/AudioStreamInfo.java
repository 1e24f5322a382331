package tandem.media;

/**
 * The first audio stream of a file.
 *
 * @param codec      ffprobe codec name, e.g. {@code aac}
 * @param channels   channel count, 0 when unknown
 * @param sampleRate samples per second, 0 when unknown
 */
public record AudioStreamInfo(String codec, int channels, int sampleRate) {
}
