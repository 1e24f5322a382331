package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ffprobe JSON shapes that are awkward to produce as real fixtures. */
class ProbeParserTest {
    private static String json(String streams, String format) {
        return "{\"streams\":[" + streams + "],\"format\":{" + format + "}}";
    }

    private static final String FORMAT = "\"format_name\":\"mov,mp4\",\"duration\":\"10.0\",\"bit_rate\":\"1000\"";

    @Test
    void displayMatrixRotation() throws Exception {
        MediaInfo info = ProbeParser.parse(json("{\"codec_type\":\"video\",\"codec_name\":\"h264\",\"width\":1920,"
                + "\"height\":1080,\"avg_frame_rate\":\"0/0\",\"r_frame_rate\":\"30000/1001\",\"pix_fmt\":\"yuv420p\","
                + "\"side_data_list\":[{\"side_data_type\":\"Display Matrix\",\"rotation\":-90}]}", FORMAT), 5);
        assertThat(info.video().rotation()).isEqualTo(90);
        assertThat(info.video().displayWidth()).isEqualTo(1080);
        assertThat(info.video().displayHeight()).isEqualTo(1920);
        assertThat(info.video().fps()).isBetween(29.96, 29.98);
        assertThat(info.bitRate()).isEqualTo(1000);
    }

    @Test
    void legacyRotateTag() throws Exception {
        MediaInfo info = ProbeParser.parse(json("{\"codec_type\":\"video\",\"codec_name\":\"h264\",\"width\":640,"
                + "\"height\":480,\"avg_frame_rate\":\"25/1\",\"tags\":{\"rotate\":\"270\"}}", FORMAT), 5);
        assertThat(info.video().rotation()).isEqualTo(270);
        assertThat(info.video().portrait()).isTrue();
    }

    @Test
    void coverArtDoesNotMakeAVideo() throws Exception {
        MediaInfo info = ProbeParser.parse(json("{\"codec_type\":\"audio\",\"codec_name\":\"mp3\",\"channels\":2,"
                + "\"sample_rate\":\"44100\"},{\"codec_type\":\"video\",\"codec_name\":\"mjpeg\",\"width\":500,"
                + "\"height\":500,\"disposition\":{\"attached_pic\":1}}", FORMAT.replace("mov,mp4", "mp3")), 5);
        assertThat(info.video()).isNull();
        assertThat(info.audio()).isEqualTo(new AudioStreamInfo("mp3", 2, 44100));
    }

    @Test
    void unusableShapes() {
        assertThatThrownBy(() -> ProbeParser.parse(json("{\"codec_type\":\"data\"}", FORMAT), 5))
                .hasMessage("The file contains neither video nor audio");
        assertThatThrownBy(() -> ProbeParser.parse(json("{\"codec_type\":\"audio\",\"codec_name\":\"aac\"}",
                "\"format_name\":\"aac\""), 5)).hasMessage("The file has no playable duration");
        assertThatThrownBy(() -> ProbeParser.parse(json("{\"codec_type\":\"video\",\"codec_name\":\"h264\","
                + "\"width\":0,\"height\":0}", FORMAT), 5)).hasMessage("The video has no valid dimensions");
        assertThatThrownBy(() -> ProbeParser.parse(json("{\"codec_type\":\"video\",\"codec_name\":\"h264\","
                + "\"width\":9000,\"height\":100}", FORMAT), 5))
                .hasMessage("Video dimensions 9000x100 exceed the 8192x8192 limit");
        assertThatThrownBy(() -> ProbeParser.parse(json("{\"codec_type\":\"video\",\"codec_name\":\"mjpeg\","
                + "\"width\":100,\"height\":100,\"nb_frames\":\"1\"}", "\"format_name\":\"image2\""), 5))
                .hasMessage("The file is a still image, not a video");
    }
}
