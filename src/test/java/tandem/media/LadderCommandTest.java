package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Golden command lines: any change to what we ask ffmpeg to do must be deliberate. */
class LadderCommandTest {
    private static final String HLS_TAIL = "-max_muxing_queue_size 1024 -map_metadata -1 -f hls -hls_time 4"
            + " -hls_playlist_type vod -hls_segment_type fmp4 -hls_flags single_file"
            + " -hls_segment_filename OUT/KEY-%v-fragmented.mp4";

    private static List<String> build(MediaInfo info, String input) {
        return LadderCommand.build(Path.of("ffmpeg"), Path.of(input), TranscodePlan.of(info), Path.of("OUT"), "KEY");
    }

    @Test
    void landscape1080pWithAudio() {
        MediaInfo info = new MediaInfo("mov", 60, 0, 1, new VideoStreamInfo("h264", 1920, 1080, 0, 1920, 1080,
                29.97, "yuv420p", 8), new AudioStreamInfo("aac", 2, 48000));
        assertThat(build(info, "IN.mp4")).isEqualTo(tokens("ffmpeg -hide_banner -nostdin -y -loglevel error -i IN.mp4"
                + " -filter_complex \"[0:v]fps=30,scale=1920:1080,format=yuv420p,setsar=1,split=2[v0][c0];"
                + "[c0]scale=1280:720,setsar=1,split=2[v1][c1];[c1]scale=854:480,setsar=1,split=2[v2][c2];"
                + "[c2]scale=640:360,setsar=1,split=2[v3][c3];[c3]scale=426:240,setsar=1[v4]\""
                + " -map [v0] -map 0:a:0 -map [v1] -map 0:a:0 -map [v2] -map 0:a:0 -map [v3] -map 0:a:0"
                + " -map [v4] -map 0:a:0"
                + " -c:v libx264 -preset veryfast -g 60 -keyint_min 60 -sc_threshold 0"
                + " -maxrate:v:0 6220800 -bufsize:v:0 12441600 -maxrate:v:1 3041280 -bufsize:v:1 6082560"
                + " -maxrate:v:2 1475712 -bufsize:v:2 2951424 -maxrate:v:3 1036800 -bufsize:v:3 2073600"
                + " -maxrate:v:4 521424 -bufsize:v:4 1042848"
                + " -c:a aac -ac 2 -b:a 128k " + HLS_TAIL
                + " -var_stream_map \"v:0,a:0,name:1080 v:1,a:1,name:720 v:2,a:2,name:480 v:3,a:3,name:360"
                + " v:4,a:4,name:240\" -master_pl_name KEY-ffmpeg-master.m3u8 -progress pipe:1 OUT/KEY-%v.m3u8"));
    }

    @Test
    void portrait60fpsWithoutAudioLowersFrameRateBelow720() {
        MediaInfo info = new MediaInfo("mov", 10, 2_000_000, 1, new VideoStreamInfo("h264", 1280, 720, 90, 720, 1280,
                60, "yuv420p", 8), null);
        assertThat(build(info, "IN.mov")).isEqualTo(tokens("ffmpeg -hide_banner -nostdin -y -loglevel error -i IN.mov"
                + " -filter_complex \"[0:v]fps=60,scale=720:1280,format=yuv420p,setsar=1,split=2[v0][c0];"
                + "[c0]fps=30,scale=480:854,setsar=1,split=2[v1][c1];[c1]scale=360:640,setsar=1,split=2[v2][c2];"
                + "[c2]scale=240:426,setsar=1[v3]\""
                + " -map [v0] -map [v1] -map [v2] -map [v3]"
                + " -c:v libx264 -preset veryfast -g 120 -keyint_min 120 -sc_threshold 0"
                + " -maxrate:v:0 2600000 -bufsize:v:0 5200000"
                + " -g:v:1 60 -keyint_min:v:1 60 -maxrate:v:1 1475712 -bufsize:v:1 2951424"
                + " -g:v:2 60 -keyint_min:v:2 60 -maxrate:v:2 1036800 -bufsize:v:2 2073600"
                + " -g:v:3 60 -keyint_min:v:3 60 -maxrate:v:3 521424 -bufsize:v:3 1042848 " + HLS_TAIL
                + " -var_stream_map \"v:0,name:720 v:1,name:480 v:2,name:360 v:3,name:240\""
                + " -master_pl_name KEY-ffmpeg-master.m3u8 -progress pipe:1 OUT/KEY-%v.m3u8"));
    }

    @Test
    void audioOnly() {
        MediaInfo info = new MediaInfo("mov", 10, 128_000, 1, null, new AudioStreamInfo("mp3", 2, 44100));
        assertThat(build(info, "IN.m4a")).isEqualTo(tokens("ffmpeg -hide_banner -nostdin -y -loglevel error -i IN.m4a"
                + " -map 0:a:0 -c:a aac -ac 2 -b:a 128k " + HLS_TAIL + " -var_stream_map \"a:0,name:0\""
                + " -master_pl_name KEY-ffmpeg-master.m3u8 -progress pipe:1 OUT/KEY-%v.m3u8"));
    }

    @Test
    void singleSmallRungHasNoSplit() {
        MediaInfo info = new MediaInfo("mov", 10, 0, 1, new VideoStreamInfo("h264", 200, 150, 0, 200, 150,
                25, "yuv420p", 8), new AudioStreamInfo("aac", 2, 44100));
        assertThat(LadderCommand.filterGraph(TranscodePlan.of(info)))
                .isEqualTo("[0:v]fps=25,scale=200:150,format=yuv420p,setsar=1[v0]");
    }

    @Test
    void remuxCopiesVideoAndAacIntoOneRungNamedLikeAnEncodedOne() {
        Rendition rung = new Rendition(720, 1280, 720, 25, 2_500_000, true);
        assertThat(LadderCommand.remux(Path.of("ffmpeg"), Path.of("IN.mp4"), rung, true, Path.of("OUT"), "KEY"))
                .isEqualTo(tokens("ffmpeg -hide_banner -nostdin -y -loglevel error -i IN.mp4 -map 0:V:0 -map 0:a:0"
                        + " -c:v copy -c:a copy " + HLS_TAIL + " -var_stream_map \"v:0,a:0,name:720\""
                        + " -master_pl_name KEY-ffmpeg-master.m3u8 -progress pipe:1 OUT/KEY-%v.m3u8"));
        assertThat(LadderCommand.remux(Path.of("ffmpeg"), Path.of("IN.mp4"), rung, false, Path.of("OUT"), "KEY"))
                .containsSequence("-c:v", "copy", "-c:a", "aac", "-ac", "2", "-b:a", "128k");
    }

    /** Splits on spaces except inside double quotes (quotes removed), like a shell would. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
