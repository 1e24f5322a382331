package tandem.account;

import tandem.core.PageRequest;

import java.util.Map;
import java.util.Set;

/** The admin user list's filters (PeerTube's `search` and `blocked`) and its page. */
public record UserQuery(String search, Boolean blocked, PageRequest page) {
    /** API sort names and the columns behind them. */
    public static final Map<String, String> SORT_COLUMNS = Map.of("id", "u.id", "username", "u.username", "createdAt", "u.created_at",
            "role", "u.role", "email", "u.email");
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();
}
