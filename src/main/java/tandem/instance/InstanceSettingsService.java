package tandem.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The instance's settings as they stand now: read once at start, replaced whole by an administrator.
 * A setting missing from the stored JSON (one added by a later release) takes its default, so
 * upgrades need no migration. Kept in memory because every page and sign-up reads it; the
 * database stays the truth (a second node would re-read it on change — issue 18).
 */
public final class InstanceSettingsService {
    private final InstanceSettingsStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final InstanceSettings defaults;
    private final AtomicReference<InstanceSettings> current = new AtomicReference<>();

    public InstanceSettingsService(InstanceSettingsStore store, ObjectMapper mapper, Clock clock, InstanceSettings defaults) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.defaults = defaults;
        current.set(store.load().map(this::withDefaults).orElse(defaults));
    }

    public InstanceSettings current() {
        return current.get();
    }

    /** Checks and stores new settings; a bad value is a 400 that names the setting and the rule. */
    public InstanceSettings update(InstanceSettings next) {
        InstanceSettingsRules.check(next);
        try {
            store.save(mapper.writeValueAsString(next), clock.millis());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        current.set(next);
        return next;
    }

    /** Forgets the administrator's settings: the instance is back to its deployment's defaults. */
    public InstanceSettings reset() {
        store.delete();
        current.set(defaults);
        return defaults;
    }

    /** The settings of an instance whose administrator has set nothing. */
    public InstanceSettings defaults() {
        return defaults;
    }

    private InstanceSettings withDefaults(String stored) {
        try {
            ObjectNode merged = mapper.valueToTree(defaults);
            overlay(merged, mapper.readTree(stored));
            return mapper.treeToValue(merged, InstanceSettings.class);
        } catch (JsonProcessingException e) {
            // Read at start-up, not in answer to a request: a broken row is the operator's to fix, not a client's 400.
            throw new IllegalStateException("the stored instance settings (table instance_settings) are not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static void overlay(ObjectNode base, JsonNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && base.path(e.getKey()).isObject()) overlay((ObjectNode) base.get(e.getKey()), e.getValue());
            else base.set(e.getKey(), e.getValue());
        }
    }
}
