package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

/** Text and URLs from other servers, checked or made storable (PostgreSQL refuses NUL characters, which JSON can carry). */
public final class Texts {
    private Texts() {}

    /** An absolute http(s) URL that parses (no spaces, no NUL, a host): the only kind we look up, store or fetch. */
    static boolean isHttpUrl(String s) {
        if (s == null || !(s.startsWith("https://") || s.startsWith("http://")) || s.length() > 2000) return false;
        try {
            return new java.net.URI(s).getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    public static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** The URL in a field (a string, or a Link's `href`): null when absent and not required; refused when not an http(s) URL. */
    public static String url(JsonNode node, String field, boolean required) {
        JsonNode v = node.path(field);
        if (v.isObject()) v = v.path("href");
        if (!v.isTextual()) {
            if (required) throw new FederationException("missing " + field);
            return null;
        }
        String s = v.asText();
        if (!isHttpUrl(s)) throw new FederationException("invalid " + field + " URL " + s);
        return s;
    }

    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** The host of a URL as actors are keyed: lower case, with the port unless it is the scheme's default. */
    public static String hostOf(String url) {
        java.net.URI u = java.net.URI.create(url);
        if (u.getHost() == null) throw new IllegalArgumentException("URL without a host: " + url);
        int p = u.getPort();
        boolean defaultPort = p == -1 || (p == 80 && "http".equals(u.getScheme())) || (p == 443 && "https".equals(u.getScheme()));
        return (defaultPort ? u.getHost() : u.getHost() + ":" + p).toLowerCase(java.util.Locale.ROOT);
    }
}
