package tandem.federation.vocab;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.Pattern;

/** `name@host` as admins and users type it (a leading `@` allowed), the host normalised as actors store it. */
public record ActorHandle(String name, String host) {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9\\-_.]{1,100}$");

    /** Parses a handle; a clear {@link FederationException} when it is not one. */
    public static ActorHandle parse(String text) {
        String s = text.trim();
        if (s.startsWith("@")) s = s.substring(1);
        int at = s.indexOf('@');
        if (at <= 0) throw new FederationException("'" + text + "' is not a handle like name@host");
        String name = s.substring(0, at);
        if (!NAME.matcher(name).matches()) throw new FederationException("'" + name + "' is not an actor name");
        return new ActorHandle(name, normaliseHost(s.substring(at + 1)));
    }

    @Override
    public String toString() {
        return name + "@" + host;
    }

    private static final Pattern HOST = Pattern.compile("^[a-z0-9.-]+(:\\d{1,5})?$");

    public static String normaliseHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("https://")) h = h.substring(8);
        if (h.startsWith("http://")) h = h.substring(7);
        if (h.endsWith("/")) h = h.substring(0, h.length() - 1);
        if (!HOST.matcher(h).matches()) throw new FederationException("'" + host + "' is not a host name");
        return h;
    }
}
