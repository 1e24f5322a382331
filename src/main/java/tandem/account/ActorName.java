package tandem.account;

import java.util.Locale;

/**
 * An account's or channel's handle as users and PeerTube's API give it: `name`, `name@our-host` or
 * `name@their-host` (a leading `@` allowed). `host` is null when the handle is ours, lower-case otherwise.
 */
public record ActorName(String name, String host) {
    public static ActorName parse(String handle, String ourHost) {
        String s = handle.strip();
        if (s.startsWith("@")) s = s.substring(1);
        int at = s.indexOf('@');
        if (at < 0) return new ActorName(s, null);
        String host = s.substring(at + 1);
        return new ActorName(s.substring(0, at), host.isEmpty() || host.equalsIgnoreCase(ourHost) ? null : host.toLowerCase(Locale.ROOT));
    }

    public boolean isLocal() {
        return host == null;
    }

    @Override
    public String toString() {
        return host == null ? name : name + "@" + host;
    }
}
