package tandem.media;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything an HLS transcode produced, all inside one output directory.
 *
 * @param masterPlaylist  {@code KEY-master.m3u8}
 * @param segmentsSha256  {@code KEY-segments-sha256.json}
 * @param variants        the renditions, highest first
 */
public record HlsOutput(Path masterPlaylist, Path segmentsSha256, List<HlsVariant> variants) {

    public HlsOutput {
        variants = List.copyOf(variants);
    }
}
