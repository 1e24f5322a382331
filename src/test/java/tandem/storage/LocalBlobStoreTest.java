package tandem.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local store's stream reads keep HTTP range semantics, and its zero-copy channel sees the same bytes. */
class LocalBlobStoreTest {
    private static final String KEY = "streaming-playlists/hls/u/seg.mp4";

    @TempDir
    Path dir;
    private LocalBlobStore store;
    private byte[] data;

    @BeforeEach
    void put() throws IOException {
        store = new LocalBlobStore(dir.resolve("storage"));
        data = new byte[100_000]; // more than one 64 KiB piece
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + 7);
        Path source = Files.write(dir.resolve("upload"), data);
        store.put(KEY, source);
    }

    private byte[] read(long offset, long length) throws IOException {
        try (InputStream in = store.read(KEY, offset, length)) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_range_gives_exactly_its_bytes_at_either_edge() throws IOException {
        assertThat(read(0, 1)).containsExactly(data[0]);
        assertThat(read(data.length - 1, 1)).containsExactly(data[data.length - 1]);
        assertThat(read(70_000, 20_000)).isEqualTo(Arrays.copyOfRange(data, 70_000, 90_000));
        assertThat(read(0, data.length)).isEqualTo(data);
        try (InputStream in = store.read(KEY)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void a_range_past_the_end_is_cut_short_and_one_from_the_end_is_empty() throws IOException {
        assertThat(read(data.length - 10, 1_000)).isEqualTo(Arrays.copyOfRange(data, data.length - 10, data.length));
        assertThat(read(data.length, 10)).isEmpty();
        assertThat(read(data.length + 5, 10)).isEmpty();
        assertThat(read(10, 0)).isEmpty();
    }

    @Test
    void single_byte_reads_follow_the_range() throws IOException {
        try (InputStream in = store.read(KEY, 1, 2)) {
            assertThat(in.read()).isEqualTo(data[1] & 0xff);
            assertThat(in.read()).isEqualTo(data[2] & 0xff);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void a_negative_range_is_refused() {
        assertThatThrownBy(() -> store.read(KEY, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(KEY, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_key_has_no_facts_and_cannot_be_read() throws IOException {
        assertThat(store.stat("streaming-playlists/hls/u/none.mp4")).isEmpty();
        assertThatThrownBy(() -> store.read("streaming-playlists/hls/u/none.mp4", 0, 10)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.read("web-videos/none.mp4")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open("web-videos/none.mp4")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void keys_escaping_the_root_are_refused_by_every_read() throws IOException {
        Files.writeString(dir.resolve("secret"), "outside the store");
        for (String key : new String[] {"../secret", "web-videos/../../secret", "/etc/passwd", "a\\b", "", "web-videos/.."}) {
            assertThatThrownBy(() -> store.read(key, 0, 10)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.stat(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void the_store_offers_zero_copy_over_the_same_file() throws IOException {
        assertThat(store.zeroCopy()).containsSame(store);
        try (FileChannel ch = store.zeroCopy().orElseThrow().open(KEY)) {
            assertThat(ch.size()).isEqualTo(data.length);
            ByteBuffer last = ByteBuffer.allocate(4);
            ch.read(last, data.length - 4);
            assertThat(last.array()).isEqualTo(Arrays.copyOfRange(data, data.length - 4, data.length));
        }
        assertThat(store.stat(KEY)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(data.length));
    }

    @Test
    void a_store_without_local_files_has_no_zero_copy() {
        BlobStore remote = new BlobStore() {
            @Override public void put(String key, Path source) { throw new UnsupportedOperationException(); }
            @Override public Optional<BlobInfo> stat(String key) { return Optional.empty(); }
            @Override public InputStream read(String key, long offset, long length) { return InputStream.nullInputStream(); }
            @Override public void delete(String keyOrPrefix) { throw new UnsupportedOperationException(); }
            @Override public long sizeOf(String prefix) { return 0; }
            @Override public LocalFile localFile(String key) { throw new UnsupportedOperationException(); }
        };
        assertThat(remote.zeroCopy()).isEmpty();
    }
}
