package tandem.http;

import tandem.media.Thumbnailer;
import tandem.video.Video;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A video as an oEmbed 1.0 "video" response: an iframe of our embed page, sized to fit the consumer's box. */
public final class VideoToOEmbed {
    static final int WIDTH = 560;
    static final int HEIGHT = 315;

    private final Urls urls;
    private final Supplier<String> providerName;

    public VideoToOEmbed(Urls urls, Supplier<String> providerName) {
        this.urls = urls;
        this.providerName = providerName;
    }

    /** `maxWidth`/`maxHeight` (null when not asked) only ever shrink the default 560×315 frame. */
    public Map<String, Object> oembed(Video v, Integer maxWidth, Integer maxHeight) {
        int width = maxWidth == null ? WIDTH : Math.min(WIDTH, maxWidth);
        int height = maxHeight == null ? HEIGHT : Math.min(HEIGHT, maxHeight);
        // The title is the uploader's text: escaped, it cannot close the attribute and inject markup into the consumer's page.
        String html = "<iframe width=\"" + width + "\" height=\"" + height + "\""
                + " sandbox=\"allow-same-origin allow-scripts allow-popups allow-forms\""
                + " title=\"" + FeedRoutes.xml(v.name()) + "\" src=\"" + FeedRoutes.xml(urls.embedUrl(v)) + "\""
                + " frameborder=\"0\" allowfullscreen></iframe>";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "video");
        m.put("version", "1.0");
        m.put("html", html);
        m.put("width", width);
        m.put("height", height);
        m.put("title", v.name());
        m.put("author_name", v.channel().displayName());
        m.put("author_url", urls.channelUrl(v.channel()));
        m.put("provider_name", providerName.get());
        m.put("provider_url", urls.base());
        if (v.hasThumbnail()) {
            m.put("thumbnail_url", urls.base() + urls.previewPath(v));
            m.put("thumbnail_width", Thumbnailer.PREVIEW_WIDTH);
            m.put("thumbnail_height", Thumbnailer.PREVIEW_HEIGHT);
        }
        return m;
    }
}
