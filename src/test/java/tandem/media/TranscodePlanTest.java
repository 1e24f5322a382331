package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranscodePlanTest {
    private static final AudioStreamInfo AUDIO = new AudioStreamInfo("aac", 2, 48000);

    private static MediaInfo video(int w, int h, double fps, long bitRate, AudioStreamInfo audio) {
        return new MediaInfo("mov", 30, bitRate, 1, new VideoStreamInfo("h264", w, h, 0, w, h, fps, "yuv420p", 8),
                audio);
    }

    @Test
    void fullHdSourceGetsFiveRungs() {
        TranscodePlan plan = TranscodePlan.of(video(1920, 1080, 30, 0, AUDIO));
        assertThat(plan.renditions()).extracting(Rendition::resolution, Rendition::width, Rendition::height,
                Rendition::fps, Rendition::audio).containsExactly(
                tuple(1080, 1920, 1080, 30, true), tuple(720, 1280, 720, 30, true), tuple(480, 854, 480, 30, true),
                tuple(360, 640, 360, 30, true), tuple(240, 426, 240, 30, true));
        assertThat(plan.renditions().getFirst().videoBitrate()).isEqualTo(6_220_800);
    }

    @Test
    void neverUpscalesAndFourKStopsAt1080() {
        assertThat(TranscodePlan.of(video(320, 240, 25, 0, AUDIO)).renditions())
                .extracting(Rendition::resolution).containsExactly(240);
        assertThat(TranscodePlan.of(video(1000, 700, 25, 0, AUDIO)).renditions())
                .extracting(Rendition::resolution).containsExactly(480, 360, 240);
        assertThat(TranscodePlan.of(video(3840, 2160, 25, 0, AUDIO)).renditions().getFirst())
                .extracting(Rendition::width, Rendition::height).containsExactly(1920, 1080);
    }

    @Test
    void theAdministratorsChoiceMakesTheLadderAndCapsTheRemux() {
        java.util.List<Integer> chosen = java.util.List.of(240, 720, 1440);
        assertThat(TranscodePlan.of(video(3840, 2160, 25, 0, AUDIO), chosen).renditions())
                .extracting(Rendition::resolution).containsExactly(1440, 720, 240);
        assertThat(TranscodePlan.of(video(640, 480, 25, 0, AUDIO), java.util.List.of(360, 240)).renditions())
                .extracting(Rendition::resolution).containsExactly(360, 240);
        assertThat(TranscodePlan.of(video(320, 240, 25, 0, AUDIO), java.util.List.of(720)).renditions())
                .as("a source below every choice keeps one rung of its own size").extracting(Rendition::resolution).containsExactly(240);
        assertThat(TranscodePlan.sourceFits(480, java.util.List.of(240, 360))).isFalse();
        assertThat(TranscodePlan.sourceFits(480, java.util.List.of(240, 720))).isTrue();
    }

    @Test
    void tinySourceKeepsItsOwnEvenSize() {
        assertThat(TranscodePlan.of(video(177, 101, 25, 0, AUDIO)).renditions()).singleElement()
                .extracting(Rendition::resolution, Rendition::width, Rendition::height)
                .containsExactly(100, 176, 100);
    }

    @Test
    void portraitUsesTheShortSide() {
        TranscodePlan plan = TranscodePlan.of(video(1080, 1920, 30, 0, AUDIO));
        assertThat(plan.renditions()).extracting(Rendition::resolution, Rendition::width, Rendition::height)
                .containsExactly(tuple(1080, 1080, 1920), tuple(720, 720, 1280), tuple(480, 480, 854),
                        tuple(360, 360, 640), tuple(240, 240, 426));
    }

    @Test
    void audioOnlyAndSilentVideo() {
        TranscodePlan audioOnly = TranscodePlan.of(new MediaInfo("mp3", 30, 0, 1, null, AUDIO));
        assertThat(audioOnly.audioOnly()).isTrue();
        assertThat(audioOnly.renditions()).containsExactly(Rendition.audioOnly());
        TranscodePlan silent = TranscodePlan.of(video(1280, 720, 30, 0, null));
        assertThat(silent.hasAudio()).isFalse();
        assertThat(silent.renditions()).hasSize(4).noneMatch(Rendition::audio);
    }

    @ParameterizedTest(name = "{0} fps source -> {1} at 720p, {2} below")
    @CsvSource({"29.97,30,30", "23.976,24,24", "50,50,25", "60,60,30", "48,48,24", "59.94,60,30", "120,60,30",
        "0,30,30", "35,35,30", "0.5,1,1"})
    void frameRates(double source, int at720, int below) {
        TranscodePlan plan = TranscodePlan.of(video(1280, 720, source, 0, AUDIO));
        assertThat(plan.renditions()).extracting(Rendition::fps).containsExactly(at720, below, below, below);
    }

    @Test
    void bitrateFollowsPeerTubesFormula() {
        // 720p30: average 1280*720*30*0.11 = 3,041,280; minimum 553,000-ish; 1.3 x source caps in between.
        assertThat(Bitrates.target(1280, 720, 30, 720, 0)).isEqualTo(3_041_280);
        assertThat(Bitrates.target(1280, 720, 30, 720, 1_000_000)).isEqualTo(1_300_000);
        assertThat(Bitrates.target(1280, 720, 30, 720, 100_000)).isEqualTo(552_960);
        assertThat(Bitrates.target(640, 360, 30, 360, 0)).isEqualTo(1_036_800);
        assertThat(Bitrates.target(426, 240, 30, 240, 0)).isEqualTo(521_424);
    }

    @Test
    void theFastFirstRungIs360pOrTheLowestAndTheLadderSkipsWhatIsPublished() {
        TranscodePlan full = TranscodePlan.of(video(1920, 1080, 30, 0, AUDIO));
        assertThat(full.fastFirst().renditions()).extracting(Rendition::resolution).containsExactly(360);
        assertThat(full.without(java.util.List.of(360)).orElseThrow().renditions()).extracting(Rendition::resolution)
                .containsExactly(1080, 720, 480, 240);
        assertThat(TranscodePlan.of(video(320, 240, 25, 0, AUDIO)).fastFirst().renditions())
                .extracting(Rendition::resolution).containsExactly(240);
        assertThat(TranscodePlan.of(video(320, 240, 25, 0, AUDIO)).without(java.util.List.of(240))).isEmpty();
        assertThat(TranscodePlan.source(video(1920, 800, 29.97, 0, AUDIO))).isEqualTo(new Rendition(800, 1920, 800, 30, 0, true));
    }

    @Test
    void webReadyMeansBrowsersPlayItAsItIs() {
        assertThat(WebReady.whyNot(video(1920, 1080, 30, 5_000_000, AUDIO))).isEmpty();
        assertThat(WebReady.whyNot(video(1920, 1080, 30, 20_000_000, AUDIO))).get().asString().startsWith("bitrate");
        assertThat(WebReady.whyNot(video(2560, 1440, 30, 0, AUDIO))).get().asString().contains("1080p");
        assertThat(WebReady.whyNot(video(1920, 1080, 120, 0, AUDIO))).get().asString().startsWith("frame rate");
        assertThat(WebReady.whyNot(new MediaInfo("mov", 30, 0, 1,
                new VideoStreamInfo("h264", 1920, 1080, 0, 1920, 1080, 30, "yuv420p10le", 10), AUDIO))).isPresent();
        assertThat(WebReady.whyNot(new MediaInfo("webm", 30, 0, 1,
                new VideoStreamInfo("vp9", 1920, 1080, 0, 1920, 1080, 30, "yuv420p", 8), AUDIO))).get().asString().contains("vp9");
        assertThat(WebReady.whyNot(new MediaInfo("mov", 30, 0, 1,
                new VideoStreamInfo("h264", 1920, 1080, 90, 1080, 1920, 30, "yuv420p", 8), AUDIO))).get().asString().contains("rotated");
        assertThat(WebReady.audioCopyable(video(640, 360, 30, 0, AUDIO))).isTrue();
        assertThat(WebReady.audioCopyable(video(640, 360, 30, 0, new AudioStreamInfo("opus", 2, 48000)))).isFalse();
        assertThat(WebReady.audioCopyable(video(640, 360, 30, 0, new AudioStreamInfo("aac", 6, 48000)))).isFalse();
    }
}
