package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusual but valid uploads transcode into browser-playable HLS. */
class OddInputTest {
    private final MediaProbe probe = new MediaProbe(TestMedia.binaries());
    private final HlsTranscoder transcoder = new HlsTranscoder(TestMedia.binaries());

    @TempDir
    Path output;

    private HlsVariant transcodeSingle(Path source) throws Exception {
        MediaInfo info = probe.probe(source);
        HlsOutput out = transcoder.transcode(source, info, output, "odd", p -> { });
        assertThat(out.variants()).hasSize(1);
        assertThat(Files.size(out.segmentsSha256())).isGreaterThan(2);
        return out.variants().getFirst();
    }

    @Test
    void audioOnly() throws Exception {
        HlsVariant v = transcodeSingle(TestMedia.audioOnly());
        assertThat(v.rendition().resolution()).isZero();
        assertThat(v.playlist().getFileName().toString()).isEqualTo("odd-0.m3u8");
        assertThat(v.codecs()).isEqualTo("mp4a.40.2");
        MediaInfo out = probe.probe(v.mediaFile());
        assertThat(out.video()).isNull();
        assertThat(out.audio().channels()).isEqualTo(2);
        assertThat(Files.readString(output.resolve("odd-master.m3u8"))).doesNotContain("RESOLUTION");
    }

    @Test
    void videoWithoutAudio() throws Exception {
        HlsVariant v = transcodeSingle(TestMedia.clipWithoutAudio());
        assertThat(v.codecs()).startsWith("avc1.").doesNotContain("mp4a");
        assertThat(probe.probe(v.mediaFile()).audio()).isNull();
    }

    @Test
    void rotatedPhoneClipBecomesUprightPortrait() throws Exception {
        HlsVariant v = transcodeSingle(TestMedia.rotatedPhoneClip());
        assertThat(v.rendition().width()).isEqualTo(240);
        assertThat(v.rendition().height()).isEqualTo(320);
        VideoStreamInfo out = probe.probe(v.mediaFile()).video();
        assertThat(out.rotation()).isZero();
        assertThat(out.codedWidth()).isEqualTo(240);
        assertThat(out.codedHeight()).isEqualTo(320);
    }

    @Test
    void vfrBecomesConstantFrameRate() throws Exception {
        MediaInfo source = probe.probe(TestMedia.vfrClip());
        HlsVariant v = transcodeSingle(TestMedia.vfrClip());
        MediaInfo out = probe.probe(v.mediaFile());
        assertThat(out.video().fps()).isEqualTo(v.rendition().fps());
        assertThat(out.durationSeconds()).isCloseTo(source.durationSeconds(), within(0.5));
    }

    @Test
    void tenBitIsConvertedToEightBit420() throws Exception {
        HlsVariant v = transcodeSingle(TestMedia.tenBitClip());
        VideoStreamInfo out = probe.probe(v.mediaFile()).video();
        assertThat(out.pixelFormat()).isEqualTo("yuv420p");
        assertThat(out.bitDepth()).isEqualTo(8);
    }

    @Test
    void vp9WebmBecomesH264() throws Exception {
        HlsVariant v = transcodeSingle(TestMedia.vp9Webm());
        MediaInfo out = probe.probe(v.mediaFile());
        assertThat(out.video().codec()).isEqualTo("h264");
        assertThat(out.audio().codec()).isEqualTo("aac");
    }
}
