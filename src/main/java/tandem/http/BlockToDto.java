package tandem.http;

import tandem.federation.actor.Blocklist;

import java.time.Instant;
import java.util.Map;

/** Server and account blocks in PeerTube's `ServerBlock` and `AccountBlock` shapes. */
public final class BlockToDto {
    private BlockToDto() {}

    public static Map<String, Object> server(Blocklist.Blocked b) {
        return Map.of("blockedServer", Map.of("host", b.host()), "createdAt", Instant.ofEpochMilli(b.createdAt()));
    }

    public static Map<String, Object> account(Blocklist.Blocked b) {
        return Map.of("blockedAccount", Map.of("id", b.accountId(), "name", b.name(), "host", b.host(), "displayName", b.displayName()),
                "createdAt", Instant.ofEpochMilli(b.createdAt()));
    }
}
