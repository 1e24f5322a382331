package tandem.instance;

import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for `instance_settings`: one row, the settings as JSON, so a new setting needs no migration. */
public final class InstanceSettingsStore {
    private final Jdbi jdbi;

    public InstanceSettingsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT body FROM instance_settings WHERE id = 1").mapTo(String.class).findOne());
    }

    public void save(String body, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO instance_settings (id, body, updated_at) VALUES (1, :body, :now)
                        ON CONFLICT (id) DO UPDATE SET body = :body, updated_at = :now""")
                .bind("body", body).bind("now", now).execute());
    }

    public void delete() {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM instance_settings WHERE id = 1").execute());
    }
}
