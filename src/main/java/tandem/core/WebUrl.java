package tandem.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * An http(s) URL as people paste it (into a search, an oEmbed request): its host in the form our
 * handles and {@link Config#publicHost()} use, and its decoded path; query and fragment are left out,
 * as they never change which video or channel a URL names.
 */
public record WebUrl(String host, String path) {
    /** PeerTube's test for a search by URL rather than by words: the text starts with a web scheme. */
    public static boolean looksLike(String text) {
        if (text == null) return false;
        String s = text.strip();
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** The URL in `text`; empty when it is not an absolute http(s) URL with a host. */
    public static Optional<WebUrl> parse(String text) {
        if (text == null) return Optional.empty();
        URI u;
        try {
            u = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) return Optional.empty();
        return Optional.of(new WebUrl(hostOf(u).toLowerCase(Locale.ROOT), u.getPath() == null ? "" : u.getPath()));
    }

    /** Host, with the port only when it is not the scheme's default: `example.org`, `localhost:9000`. */
    public static String hostOf(URI u) {
        int p = u.getPort();
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = p == -1 || (p == 80 && scheme.equals("http")) || (p == 443 && scheme.equals("https"));
        return defaultPort ? u.getHost() : u.getHost() + ":" + p;
    }
}
