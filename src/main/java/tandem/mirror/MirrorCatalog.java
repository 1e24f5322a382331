package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tandem.core.WebUrl;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mirrors we serve, in memory: asked on every media request and tracker announce, so a
 * database query each time would cost more than the file. Reloaded whenever a mirror becomes ready
 * or goes, and by each strategy run (for mirrors removed by another node).
 */
public final class MirrorCatalog {
    private static final Logger log = LoggerFactory.getLogger(MirrorCatalog.class);
    private final MirrorStore store;
    private final ObjectMapper json;
    private volatile Set<String> uuids = Set.of();
    /** The origin host (`host[:port]`) of each mirrored video, as the ledger counts it. */
    private volatile Map<String, String> origins = Map.of();
    private volatile Set<String> infohashes = Set.of();

    public MirrorCatalog(MirrorStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
        reload();
    }

    /** Whether we serve the files of this video's mirror. */
    public boolean serves(String videoUuid) {
        return uuids.contains(videoUuid);
    }

    /** The host of the origin of a video we serve a mirror of; empty when we serve none or its origin is unknown. */
    public Optional<String> originHost(String videoUuid) {
        return Optional.ofNullable(origins.get(videoUuid));
    }

    /** Whether this swarm (lower-case hex infohash) is one of a video we mirror: our tracker accepts its peers. */
    public boolean servesSwarm(String infoHashHex) {
        return infohashes.contains(infoHashHex);
    }

    public synchronized void reload() {
        Set<String> u = new HashSet<>();
        Set<String> h = new HashSet<>();
        Map<String, String> o = new HashMap<>();
        for (MirrorStore.ReadyRow row : store.ready()) {
            u.add(row.uuid());
            if (row.videoUrl() != null) {
                try {
                    o.put(row.uuid(), WebUrl.hostOf(URI.create(row.videoUrl())).toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    log.warn("mirrored video {} has an unreadable origin URL {}", row.uuid(), row.videoUrl());
                }
            }
            if (row.infohashesJson() == null) continue;
            try {
                for (JsonNode n : json.readTree(row.infohashesJson())) h.add(n.asText().toLowerCase(java.util.Locale.ROOT));
            } catch (java.io.IOException e) {
                log.warn("unreadable infohashes of mirrored video {}", row.uuid(), e);
            }
        }
        uuids = Set.copyOf(u);
        infohashes = Set.copyOf(h);
        origins = Map.copyOf(o);
    }
}
