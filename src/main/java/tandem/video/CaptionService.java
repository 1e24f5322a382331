package tandem.video;

import tandem.account.User;
import tandem.core.Problem;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Subtitles: WebVTT or SRT uploads, stored as WebVTT (SRT converted) under the video's UUID, one
 * per language. A file that is neither is refused, and nothing is stored.
 */
public final class CaptionService {
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
    private static final Pattern SRT_TIME = Pattern.compile("(\\d{2}:\\d{2}:\\d{2}),(\\d{3})");
    private static final Pattern SRT_CUE = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}");

    private final CaptionStore store;
    private final VideoService videos;
    private final BlobStore blobs;
    private final Clock clock;

    public CaptionService(CaptionStore store, VideoService videos, BlobStore blobs, Clock clock) {
        this.store = store;
        this.videos = videos;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** One caption of a video. */
    public record Caption(String language, String fileName, long updatedAt) {}

    public void put(User user, String videoId, String language, Path upload) throws IOException {
        Video v = videos.visible(Optional.of(user), videoId);
        if (!videos.canManage(Optional.of(user), v)) throw Problem.forbidden("Cannot manage captions of a video of another user.");
        if (language == null || !LANGUAGE.matcher(language).matches()) throw Problem.invalidParam("captionLanguage", "Should have a valid caption language");
        if (Files.size(upload) > MAX_BYTES) throw new Problem(413, null, "The caption file is larger than " + MAX_BYTES + " bytes");
        String vtt = toWebVtt(Files.readAllBytes(upload));
        String fileName = v.uuid() + "-" + language + ".vtt";
        Path tmp = Files.createTempFile(upload.getParent(), "caption-", ".vtt");
        Files.writeString(tmp, vtt, StandardCharsets.UTF_8);
        blobs.put(BlobKeys.caption(fileName), tmp);
        long now = clock.millis();
        store.replace(v.id(), language, fileName, now);
    }

    public void delete(User user, String videoId, String language) throws IOException {
        Video v = videos.visible(Optional.of(user), videoId);
        if (!videos.canManage(Optional.of(user), v)) throw Problem.forbidden("Cannot manage captions of a video of another user.");
        Optional<Caption> c = list(v).stream().filter(x -> x.language().equals(language)).findFirst();
        if (c.isEmpty()) throw Problem.notFound("Video caption " + language + " not found");
        store.delete(v.id(), language);
        blobs.delete(BlobKeys.caption(c.get().fileName()));
    }

    public List<Caption> list(Optional<User> viewer, String videoId) {
        return list(videos.visible(viewer, videoId));
    }

    private List<Caption> list(Video v) {
        return store.list(v.id());
    }

    /** Accepts UTF-8 WebVTT as is and converts SRT; anything else is refused with a clear reason. */
    static String toWebVtt(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.invalidParam("captionfile", "The caption file is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        text = text.replace("\r\n", "\n");
        if (text.startsWith("WEBVTT")) return text;
        if (SRT_CUE.matcher(text).find()) return "WEBVTT\n\n" + SRT_TIME.matcher(text).replaceAll("$1.$2");
        throw Problem.invalidParam("captionfile", "The caption file is neither WebVTT nor SRT");
    }
}
