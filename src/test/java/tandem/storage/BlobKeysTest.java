package tandem.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys are on-disk paths and part of media URLs: these pin them byte for byte. */
class BlobKeysTest {
    private static final String UUID = "0b7c1a2e-5d4f-4c3b-9a8e-1f2d3c4b5a69";

    @Test
    void each_kind_of_file_keeps_its_folder() {
        assertThat(BlobKeys.webVideo("k-original.mp4")).isEqualTo("web-videos/k-original.mp4");
        assertThat(BlobKeys.hlsFolder(UUID)).isEqualTo("streaming-playlists/hls/" + UUID + "/");
        assertThat(BlobKeys.hlsFile(UUID, "k-master.m3u8")).isEqualTo("streaming-playlists/hls/" + UUID + "/k-master.m3u8");
        assertThat(BlobKeys.thumbnail("k.jpg")).isEqualTo("thumbnails/k.jpg");
        assertThat(BlobKeys.preview("k.jpg")).isEqualTo("previews/k.jpg");
        assertThat(BlobKeys.torrent("k-original.torrent")).isEqualTo("torrents/k-original.torrent");
    }

    @Test
    void a_caption_lives_in_the_folder_of_the_uuid_its_name_starts_with() {
        assertThat(BlobKeys.caption(UUID + "-en.vtt")).isEqualTo("captions/" + UUID + "/" + UUID + "-en.vtt");
        assertThat(BlobKeys.caption(UUID + "-en.vtt")).startsWith(BlobKeys.captionsFolder(UUID));
        assertThat(BlobKeys.caption("short.vtt")).isEqualTo("captions/short.vtt/short.vtt");
    }
}
