package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MediaProbeTest {
    private final MediaProbe probe = new MediaProbe(TestMedia.binaries());

    @Test
    void clipWithAudio() throws Exception {
        MediaInfo info = probe.probe(TestMedia.clipWithAudio());
        assertThat(info.formatName()).contains("mp4");
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(info.bitRate()).isPositive();
        assertThat(info.video()).isEqualTo(new VideoStreamInfo("h264", 320, 240, 0, 320, 240, 25.0, "yuv420p", 8));
        assertThat(info.audio().codec()).isEqualTo("aac");
        assertThat(info.audio().sampleRate()).isEqualTo(48000);
        assertThat(info.audio().channels()).isEqualTo(1);
    }

    @Test
    void clipWithoutAudio() throws Exception {
        MediaInfo info = probe.probe(TestMedia.clipWithoutAudio());
        assertThat(info.hasVideo()).isTrue();
        assertThat(info.audio()).isNull();
    }

    @Test
    void audioOnly() throws Exception {
        MediaInfo info = probe.probe(TestMedia.audioOnly());
        assertThat(info.video()).isNull();
        assertThat(info.audio().codec()).isEqualTo("aac");
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.2));
    }

    @Test
    void rotatedPhoneClipDisplaysPortrait() throws Exception {
        VideoStreamInfo video = probe.probe(TestMedia.rotatedPhoneClip()).video();
        assertThat(video.codedWidth()).isEqualTo(320);
        assertThat(video.codedHeight()).isEqualTo(240);
        assertThat(video.rotation()).isIn(90, 270);
        assertThat(video.displayWidth()).isEqualTo(240);
        assertThat(video.displayHeight()).isEqualTo(320);
        assertThat(video.portrait()).isTrue();
    }

    @Test
    void vfrClipHasAFrameRate() throws Exception {
        VideoStreamInfo video = probe.probe(TestMedia.vfrClip()).video();
        assertThat(video.fps()).isBetween(10.0, 25.0);
    }

    @Test
    void tenBitClip() throws Exception {
        VideoStreamInfo video = probe.probe(TestMedia.tenBitClip()).video();
        assertThat(video.pixelFormat()).isEqualTo("yuv420p10le");
        assertThat(video.bitDepth()).isEqualTo(10);
    }

    @Test
    void vp9Webm() throws Exception {
        MediaInfo info = probe.probe(TestMedia.vp9Webm());
        assertThat(info.formatName()).contains("webm");
        assertThat(info.video().codec()).isEqualTo("vp9");
        assertThat(info.audio().codec()).isEqualTo("opus");
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(0.2));
    }
}
