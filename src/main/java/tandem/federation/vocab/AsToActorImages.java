package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import tandem.account.RemoteActorImages.Remote;
import tandem.media.ImageFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An actor's `icon` (avatars) or `image` (banners) as PeerTube, Mastodon and others send them: one Image or an
 * array of them, `url` a string or a Link. Entries we cannot use (no http(s) URL, a format we do not serve,
 * absurd sizes) are skipped, never a reason to refuse the actor.
 */
public final class AsToActorImages {
    /** PeerTube sends four avatar sizes and two banner sizes; more is not worth storing. */
    private static final int MAX_ENTRIES = 8;
    private static final int MAX_SIDE = 10_000;

    private AsToActorImages() {}

    public static List<Remote> decode(JsonNode property) {
        List<Remote> out = new ArrayList<>();
        if (property == null || property.isMissingNode() || property.isNull()) return out;
        Iterable<JsonNode> items = property.isArray() ? property : List.of(property);
        for (JsonNode i : items) {
            if (out.size() == MAX_ENTRIES) break;
            if (!i.isObject()) continue;
            String url;
            try {
                url = Texts.url(i, "url", false);
            } catch (FederationException e) {
                continue;
            }
            if (url == null || url.length() > 2000) continue;
            Optional<ImageFormat> format = format(i.path("mediaType").asText(""), url);
            if (format.isEmpty()) continue;
            int width = i.path("width").asInt(0);
            int height = i.path("height").asInt(0);
            if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE) continue;
            out.add(new Remote(url, format.get(), width, height));
        }
        return out;
    }

    /** By the declared type, else by the URL's extension (Mastodon sends no `mediaType` on some servers). */
    private static Optional<ImageFormat> format(String mediaType, String url) {
        for (ImageFormat f : ImageFormat.values()) if (f.mediaType.equalsIgnoreCase(mediaType)) return Optional.of(f);
        if (mediaType.equalsIgnoreCase("image/jpg")) return Optional.of(ImageFormat.JPEG);
        String path = url.replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
        int dot = path.lastIndexOf('.');
        if (dot < 0) return Optional.empty();
        String ext = path.substring(dot + 1);
        return ext.equals("jpeg") ? Optional.of(ImageFormat.JPEG) : ImageFormat.byExtension(ext);
    }
}
