package tandem.media;

import java.nio.file.Path;

/**
 * One produced HLS rendition.
 *
 * @param rendition the rung it encodes
 * @param playlist  the variant playlist, e.g. {@code KEY-720.m3u8}
 * @param mediaFile the fragmented MP4 holding init section and all segments
 * @param size      size of the media file in bytes
 * @param codecs    RFC 6381 codecs as ffmpeg reported them, e.g. {@code avc1.64001f,mp4a.40.2}; empty if unknown
 * @param bandwidth bits per second advertised in the master playlist
 */
public record HlsVariant(Rendition rendition, Path playlist, Path mediaFile, long size, String codecs,
                         long bandwidth) {
}
