package tandem.mirror.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The admin's view of the pool (`GET /api/v1/server/pool`): every member (an instance with a
 * pledge, one we follow or one that follows us) with its pledge, its load as it last told us, the
 * mirrors each side holds for the other, and whether it receives help without pledging; then the
 * last plan's decisions with their reasons.
 */
public final class PoolView {
    private final Pledges pledges;
    private final PoolStore store;

    public PoolView(Pledges pledges, PoolStore store) {
        this.pledges = pledges;
        this.store = store;
    }

    public Map<String, Object> view() {
        String us = pledges.ourHost();
        TreeSet<String> hosts = new TreeSet<>();
        for (Pledge p : pledges.all()) hosts.add(p.host());
        for (String actor : store.followedInstances()) hosts.add(tandem.federation.vocab.Texts.hostOf(actor));
        hosts.addAll(store.followerHosts());
        hosts.remove(us);
        Map<String, PoolStore.Load> loads = new LinkedHashMap<>();
        for (PoolStore.Load l : store.loads()) loads.put(l.host(), l);
        List<Map<String, Object>> members = new ArrayList<>();
        for (String host : hosts) {
            Optional<Pledge> pledge = pledges.of(host);
            PoolStore.Load load = loads.get(host);
            int weHold = store.mirrorsWeHold(host);
            boolean pledgesNothing = pledge.isEmpty() || pledge.get().storageBytes() == 0 && pledge.get().egressBytesPerMonth() == 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", host);
            m.put("pledge", pledge.map(p -> pledges.toJson(p, false)).orElse(null));
            // No pledge published: a plain mirror peer (PeerTube has no pledge; nor has a Tandem instance that never set one).
            m.put("peertube", pledge.isEmpty());
            m.put("capacityUse", load == null || load.capacityBytesPerHour() <= 0 ? null
                    : Math.round(100.0 * load.egressBytesPerHour() / load.capacityBytesPerHour()) / 100.0);
            m.put("mirrorsWeHold", weHold);
            m.put("mirrorsTheyHold", store.mirrorsTheyHold(host));
            m.put("receivesHelpWithoutPledge", weHold > 0 && pledgesNothing);
            members.add(m);
        }
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (PoolStore.Decision d : store.decisions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("videoUuid", d.videoUuid());
            m.put("videoName", d.videoName());
            m.put("originHost", d.originHost());
            m.put("action", d.action());
            m.put("reason", d.reason());
            m.put("savedBytesPerHour", d.savedBytesPerHour());
            decisions.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", members);
        out.put("decisions", decisions);
        out.put("plannedAt", store.plannedAt().orElse(null));
        return out;
    }
}
