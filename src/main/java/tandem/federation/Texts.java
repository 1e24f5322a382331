package tandem.federation;

/** Text and URLs from other servers, checked or made storable (PostgreSQL refuses NUL characters, which JSON can carry). */
final class Texts {
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

    static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }
}
