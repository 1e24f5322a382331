package tandem.mirror;

import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** SQL for `mirror_hosts`: the followed instances whose videos the admin lets us mirror. */
public final class MirrorHostStore {
    private final Jdbi jdbi;

    public MirrorHostStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Sets a host's flag (host in lower case). */
    public void put(String host, boolean allowed, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO mirror_hosts (host, redundancy_allowed, updated_at) VALUES (:h, :a, :now)
                        ON CONFLICT (host) DO UPDATE SET redundancy_allowed = :a, updated_at = :now""")
                .bind("h", host).bind("a", allowed).bind("now", now).execute());
    }

    /** Of these hosts (lower case), those whose videos we may mirror. */
    public Set<String> allowed(Collection<String> hosts) {
        if (hosts.isEmpty()) return Set.of();
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT host FROM mirror_hosts WHERE redundancy_allowed AND host IN (<hosts>)")
                .bindList("hosts", List.copyOf(hosts)).mapTo(String.class).list()));
    }
}
