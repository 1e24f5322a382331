package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.Video;
import tandem.video.VideoQuery;
import tandem.video.VideoService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/** `/feeds/videos.xml`: the latest public videos as RSS 2.0 or Atom, optionally for one account or channel. */
public final class FeedRoutes implements HttpService {
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int ITEMS = 20;

    private final VideoService videos;
    private final Urls urls;
    /** The instance's name as the administrator set it, read for each feed. */
    private final Supplier<String> instanceName;

    private final tandem.account.FeedTokens feedTokens;

    public FeedRoutes(VideoService videos, Urls urls, Supplier<String> instanceName, tandem.account.FeedTokens feedTokens) {
        this.feedTokens = feedTokens;
        this.videos = videos;
        this.urls = urls;
        this.instanceName = instanceName;
    }

    @Override
    public void routing(HttpRules rules) {
        for (String ext : new String[] {"xml", "rss", "atom"}) {
            rules.get("/feeds/videos." + ext, (req, res) -> feed(req, res, ext, false))
                 .get("/feeds/subscriptions." + ext, (req, res) -> feed(req, res, ext, true));
        }
    }

    /** The public feed of videos (an account's or a channel's), or one user's subscriptions, opened by their feed token. */
    private void feed(ServerRequest req, ServerResponse res, String extension, boolean subscriptions) {
        String format = Params.get(req, "format");
        if (format == null) format = extension;
        Long account = Params.longValue(Params.get(req, "accountId"), "accountId");
        Long channel = Params.longValue(Params.get(req, "videoChannelId"), "videoChannelId");
        PageRequest page = new PageRequest(0, ITEMS, "publishedAt", true);
        VideoQuery query = new VideoQuery(page, null, null, null, null, null, channel, account, null);
        if (subscriptions) {
            if (account == null) throw Problem.invalidParam("accountId", "Should have an account id");
            if (!feedTokens.opens(account, Params.get(req, "token"))) throw Problem.forbidden("Invalid feed token for this account");
            query = new VideoQuery(page, null, null, null, null, null, null, null, null).subscribedBy(account).seenBy(account);
        }
        List<Video> list = videos.list(query).data();
        String body = switch (format) {
            case "rss", "xml" -> rss(list);
            case "atom" -> atom(list);
            default -> throw Problem.invalidParam("format", "Should be rss or atom");
        };
        res.header(HeaderNames.CONTENT_TYPE, format.equals("atom") ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }

    private String rss(List<Video> list) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>").append(xml(instanceName.get())).append("</title><link>").append(xml(urls.base())).append("</link>")
                .append("<description>Latest videos</description>");
        for (Video v : list) {
            sb.append("<item><title>").append(xml(v.name())).append("</title><link>").append(xml(urls.watchUrl(v))).append("</link>")
                    .append("<guid isPermaLink=\"true\">").append(xml(urls.watchUrl(v))).append("</guid>")
                    .append("<pubDate>").append(RFC_822.format(published(v))).append("</pubDate>")
                    .append("<description>").append(xml(v.description() == null ? "" : v.description())).append("</description>")
                    .append("<author>").append(xml(v.channel().account().name())).append("</author></item>");
        }
        return sb.append("</channel></rss>\n").toString();
    }

    private String atom(List<Video> list) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .append("<title>").append(xml(instanceName.get())).append("</title><id>").append(xml(urls.base() + "/feeds/videos.atom"))
                .append("</id><link href=\"").append(xml(urls.base())).append("\"/><updated>")
                .append(list.isEmpty() ? Instant.EPOCH : published(list.getFirst())).append("</updated>");
        for (Video v : list) {
            sb.append("<entry><title>").append(xml(v.name())).append("</title><id>").append(xml(urls.watchUrl(v))).append("</id>")
                    .append("<link href=\"").append(xml(urls.watchUrl(v))).append("\"/><updated>").append(published(v)).append("</updated>")
                    .append("<author><name>").append(xml(v.channel().account().name())).append("</name></author>")
                    .append("<summary>").append(xml(v.description() == null ? "" : v.description())).append("</summary></entry>");
        }
        return sb.append("</feed>\n").toString();
    }

    private static Instant published(Video v) {
        return Instant.ofEpochMilli(v.publishedAt() == null ? v.createdAt() : v.publishedAt());
    }

    /** Escapes text for XML and drops characters XML 1.0 cannot carry. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
