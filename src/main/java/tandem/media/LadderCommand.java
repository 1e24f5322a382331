package tandem.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Builds the single ffmpeg command line that encodes a whole HLS ladder in one process.
 *
 * <p>The source is decoded once and {@code split} feeds every rung, which is what makes this cheaper than
 * PeerTube's one-process-per-resolution approach. File names follow PeerTube: {@code KEY-<res>.m3u8} and one
 * fragmented MP4 per resolution, {@code KEY-<res>-fragmented.mp4}, addressed by byte ranges.
 */
public final class LadderCommand {
    /** Target segment length in seconds; a multiple of the 2-second GOP so segments start on keyframes. */
    public static final int HLS_TIME_SECONDS = 4;
    static final int GOP_SECONDS = 2;
    static final String PRESET = "veryfast";
    static final String AUDIO_BITRATE = "128k";

    private LadderCommand() {
    }

    /** Returns the variant playlist name, e.g. {@code KEY-720.m3u8}. */
    public static String playlistName(String key, Rendition rendition) {
        return key + "-" + rendition.name() + ".m3u8";
    }

    /** Returns the fragmented MP4 name, e.g. {@code KEY-720-fragmented.mp4}. */
    public static String mediaFileName(String key, Rendition rendition) {
        return key + "-" + rendition.name() + "-fragmented.mp4";
    }

    /** Returns the name of the master playlist ffmpeg writes (we replace it with our own). */
    public static String ffmpegMasterName(String key) {
        return key + "-ffmpeg-master.m3u8";
    }

    /** Builds the command; paths are used as given so the output is predictable in tests. */
    public static List<String> build(Path ffmpeg, Path input, TranscodePlan plan, Path outputDir, String key) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error", "-i", input.toString()));
        List<Rendition> rungs = plan.renditions();
        if (!plan.audioOnly()) {
            cmd.add("-filter_complex");
            cmd.add(filterGraph(plan));
        }
        for (int i = 0; i < rungs.size(); i++) {
            if (rungs.get(i).hasVideo()) {
                cmd.addAll(List.of("-map", "[v" + i + "]"));
            }
            if (rungs.get(i).audio()) {
                cmd.addAll(List.of("-map", "0:a:0"));
            }
        }
        if (!plan.audioOnly()) {
            videoOptions(cmd, plan);
        }
        if (plan.hasAudio()) {
            cmd.addAll(List.of("-c:a", "aac", "-ac", "2", "-b:a", AUDIO_BITRATE));
        }
        hlsOutput(cmd, rungs, outputDir, key);
        return List.copyOf(cmd);
    }

    /**
     * Builds the command that copies a web-ready source's video (and its audio when {@code copyAudio}, else encodes it
     * as every rung does) into one HLS fMP4 rendition named like an encoded rung: no decoding, so it takes seconds.
     * Segments are cut at the source's own keyframes, the first one at or after each {@link #HLS_TIME_SECONDS}.
     */
    public static List<String> remux(Path ffmpeg, Path input, Rendition rendition, boolean copyAudio, Path outputDir,
                                     String key) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error", "-i", input.toString(), "-map", "0:V:0"));
        if (rendition.audio()) {
            cmd.addAll(List.of("-map", "0:a:0"));
        }
        cmd.addAll(List.of("-c:v", "copy"));
        if (rendition.audio()) {
            cmd.addAll(copyAudio ? List.of("-c:a", "copy") : List.of("-c:a", "aac", "-ac", "2", "-b:a", AUDIO_BITRATE));
        }
        hlsOutput(cmd, List.of(rendition), outputDir, key);
        return List.copyOf(cmd);
    }

    private static void hlsOutput(List<String> cmd, List<Rendition> rungs, Path outputDir, String key) {
        String segmentPattern = outputDir.resolve(key + "-%v-fragmented.mp4").toString();
        cmd.addAll(List.of("-max_muxing_queue_size", "1024", "-map_metadata", "-1",
                "-f", "hls", "-hls_time", Integer.toString(HLS_TIME_SECONDS), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_flags", "single_file",
                "-hls_segment_filename", segmentPattern,
                "-var_stream_map", varStreamMap(rungs),
                "-master_pl_name", ffmpegMasterName(key),
                "-progress", "pipe:1",
                outputDir.resolve(key + "-%v.m3u8").toString()));
    }

    /**
     * Forces CFR and yuv420p once, at the top: x264 would otherwise keep 4:4:4 or 10-bit input as is, which browsers
     * cannot decode. The conversion follows the first scale, so swscale does both in one step and at the output size
     * (a third of the CPU of converting a 10-bit 1080p source and then scaling it to 360p). Rungs cascade (each
     * scales the one above it, not the source), which is cheaper than scaling the full-size source five times.
     * Autorotation happens in the decoder, so scaling sees display orientation.
     */
    static String filterGraph(TranscodePlan plan) {
        List<Rendition> rungs = plan.renditions();
        StringBuilder graph = new StringBuilder("[0:v]fps=").append(plan.sourceFps());
        int previousFps = plan.sourceFps();
        for (int i = 0; i < rungs.size(); i++) {
            Rendition rung = rungs.get(i);
            if (i > 0) {
                graph.append(";[c").append(i - 1).append(']');
            } else {
                graph.append(',');
            }
            if (rung.fps() != previousFps) {
                graph.append("fps=").append(rung.fps()).append(',');
                previousFps = rung.fps();
            }
            graph.append("scale=").append(rung.width()).append(':').append(rung.height())
                    .append(i == 0 ? ",format=yuv420p" : "").append(",setsar=1");
            if (i < rungs.size() - 1) {
                graph.append(",split=2[v").append(i).append("][c").append(i).append(']');
            } else {
                graph.append("[v").append(i).append(']');
            }
        }
        return graph.toString();
    }

    private static void videoOptions(List<String> cmd, TranscodePlan plan) {
        String gop = Integer.toString(GOP_SECONDS * plan.sourceFps());
        cmd.addAll(List.of("-c:v", "libx264", "-preset", PRESET, "-g", gop, "-keyint_min", gop,
                "-sc_threshold", "0"));
        List<Rendition> rungs = plan.renditions();
        for (int i = 0; i < rungs.size(); i++) {
            Rendition rung = rungs.get(i);
            if (rung.fps() != plan.sourceFps()) {
                // Keyframes every 2 s in every rung keep segment boundaries aligned across the ladder.
                String rungGop = Integer.toString(GOP_SECONDS * rung.fps());
                cmd.addAll(List.of("-g:v:" + i, rungGop, "-keyint_min:v:" + i, rungGop));
            }
            cmd.addAll(List.of("-maxrate:v:" + i, Long.toString(rung.videoBitrate()),
                    "-bufsize:v:" + i, Long.toString(2 * rung.videoBitrate())));
        }
    }

    static String varStreamMap(List<Rendition> rungs) {
        StringJoiner map = new StringJoiner(" ");
        for (int i = 0; i < rungs.size(); i++) {
            Rendition rung = rungs.get(i);
            StringJoiner entry = new StringJoiner(",");
            if (rung.hasVideo()) {
                entry.add("v:" + i);
            }
            if (rung.audio()) {
                entry.add("a:" + i);
            }
            entry.add("name:" + rung.name());
            map.add(entry.toString());
        }
        return map.toString();
    }
}
