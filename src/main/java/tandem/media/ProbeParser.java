package tandem.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ffprobe's JSON into a {@link MediaInfo}, rejecting files we cannot turn into a video. */
final class ProbeParser {
    static final int MAX_DIMENSION = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IMAGE_CODECS = Set.of(
            "png", "mjpeg", "jpegls", "bmp", "webp", "tiff", "gif", "jpeg2000", "apng", "qoi", "pam", "ppm",
            "pgm", "pbm", "pgmyuv", "jpegxl", "avif", "heic", "svg", "dpx", "exr", "targa", "sgi", "xbm");
    private static final Pattern DEPTH = Pattern.compile("p(\\d{1,2})(le|be)$");

    private ProbeParser() {
    }

    static MediaInfo parse(String json, long size) throws MediaException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new MediaException("The file is not a video: ffprobe output was not understood", json, e);
        }
        JsonNode format = root.path("format");
        String formatName = format.path("format_name").asText("");
        JsonNode videoNode = null;
        JsonNode audioNode = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText("");
            // Cover art in music files is a "video" stream of one picture: the file is still audio-only.
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !attachedPicture && videoNode == null) {
                videoNode = stream;
            } else if (type.equals("audio") && audioNode == null) {
                audioNode = stream;
            }
        }
        if (videoNode == null && audioNode == null) {
            throw new MediaException("The file contains neither video nor audio");
        }
        double duration = positive(format.path("duration").asText(""));
        if (duration <= 0) {
            duration = Math.max(streamDuration(videoNode), streamDuration(audioNode));
        }
        VideoStreamInfo video = videoNode == null ? null : video(videoNode);
        if (video != null && isStillImage(formatName, video.codec(), videoNode, duration)) {
            throw new MediaException("The file is a still image, not a video");
        }
        if (duration <= 0) {
            throw new MediaException("The file has no playable duration");
        }
        AudioStreamInfo audio = audioNode == null ? null : new AudioStreamInfo(
                audioNode.path("codec_name").asText(""), audioNode.path("channels").asInt(0),
                (int) positive(audioNode.path("sample_rate").asText("")));
        long bitRate = (long) positive(format.path("bit_rate").asText(""));
        return new MediaInfo(formatName, duration, bitRate, size, video, audio);
    }

    private static VideoStreamInfo video(JsonNode node) throws MediaException {
        int width = node.path("width").asInt(0);
        int height = node.path("height").asInt(0);
        if (width <= 0 || height <= 0) {
            throw new MediaException("The video has no valid dimensions");
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new MediaException("Video dimensions " + width + "x" + height + " exceed the "
                    + MAX_DIMENSION + "x" + MAX_DIMENSION + " limit");
        }
        int rotation = rotation(node);
        boolean swap = rotation == 90 || rotation == 270;
        double fps = rate(node.path("avg_frame_rate").asText(""));
        if (fps <= 0) {
            fps = rate(node.path("r_frame_rate").asText(""));
        }
        String pixFmt = node.path("pix_fmt").asText("");
        return new VideoStreamInfo(node.path("codec_name").asText(""), width, height, rotation,
                swap ? height : width, swap ? width : height, fps, pixFmt, bitDepth(node, pixFmt));
    }

    /** Returns the clockwise rotation; ffprobe reports the display matrix angle counter-clockwise. */
    static int rotation(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return normalize(-side.path("rotation").asDouble(0));
            }
        }
        String legacy = stream.path("tags").path("rotate").asText("");
        return legacy.isEmpty() ? 0 : normalize(number(legacy));
    }

    private static int normalize(double degrees) {
        long quarter = Math.round(degrees / 90d);
        return (int) (((quarter % 4) + 4) % 4) * 90;
    }

    private static boolean isStillImage(String formatName, String codec, JsonNode video, double duration) {
        String fmt = formatName.toLowerCase(Locale.ROOT);
        if (fmt.equals("image2") || fmt.endsWith("_pipe")) {
            return true;
        }
        if (!IMAGE_CODECS.contains(codec)) {
            return false;
        }
        // Motion-JPEG cameras exist, so an image codec alone is not enough: it must also be a single frame.
        return duration <= 0 || video.path("nb_frames").asInt(0) == 1;
    }

    private static int bitDepth(JsonNode node, String pixFmt) {
        int raw = node.path("bits_per_raw_sample").asInt(0);
        if (raw > 0) {
            return raw;
        }
        Matcher m = DEPTH.matcher(pixFmt);
        return m.find() ? Integer.parseInt(m.group(1)) : 8;
    }

    private static double streamDuration(JsonNode stream) {
        return stream == null ? 0 : positive(stream.path("duration").asText(""));
    }

    static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        if (slash < 0) {
            return positive(fraction);
        }
        double num = number(fraction.substring(0, slash));
        double den = number(fraction.substring(slash + 1));
        return den > 0 ? num / den : 0;
    }

    private static double positive(String text) {
        double v = number(text);
        return v > 0 && Double.isFinite(v) ? v : 0;
    }

    private static double number(String text) {
        try {
            return text.isBlank() ? 0 : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
