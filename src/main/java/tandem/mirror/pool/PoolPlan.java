package tandem.mirror.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.federation.vocab.Texts;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.NoPayload;
import tandem.mirror.Mirror;
import tandem.mirror.MirrorService;
import tandem.mirror.MirrorSource;
import tandem.mirror.MirrorStore;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The `pool-plan` job: spends our pledge where it saves the most origin egress. It reads the
 * pressure of every instance we follow, builds the {@link PlanInput} (storage from our pledge,
 * egress per hour = the month's / 730, nothing once this month's pledged egress is used up), asks
 * the {@link Planner}, adds `pledge` mirrors and evicts those that no longer help, and stores each
 * decision with its reason for the pool view. A held mirror of an origin that did not answer is
 * kept: one failed request is no reason to drop a copy.
 */
public final class PoolPlan implements JobHandler<NoPayload> {
    /** The strategy of the mirrors the pool places. */
    public static final String STRATEGY = "pledge";
    private static final Logger log = LoggerFactory.getLogger(PoolPlan.class);

    private final Pledges pledges;
    private final PoolStore store;
    private final Pressure own;
    private final PressureClient pressure;
    private final MirrorStore mirrors;
    private final MirrorService service;
    private final Clock clock;

    public PoolPlan(Pledges pledges, PoolStore store, Pressure own, PressureClient pressure, MirrorStore mirrors, MirrorService service, Clock clock) {
        this.pledges = pledges;
        this.store = store;
        this.own = own;
        this.pressure = pressure;
        this.mirrors = mirrors;
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void run(Job job, NoPayload none) {
        long now = clock.millis();
        List<Mirror> held = mirrors.list(STRATEGY);
        Optional<Pledge> ours = pledges.ours().filter(p -> p.storageBytes() > 0);
        List<OriginLoad> origins = new ArrayList<>();
        List<VideoLoad> videos = new ArrayList<>();
        Set<String> unanswered = new HashSet<>();
        Map<String, String> names = new HashMap<>();
        String us = pledges.ourHost();
        // The pool's other members: every member plans the whole pool alike and carries out its part.
        List<PoolMember> members = pledges.all().stream().filter(p -> !p.host().equalsIgnoreCase(us))
                .map(p -> new PoolMember(p.host(), p.storageBytes(), p.egressBytesPerHour())).toList();
        if (ours.isPresent()) {
            Map<String, Long> ourPeaks = store.peakServedForOthers(us, PoolStore.hourOf(now) - Pressure.HOURS * 3_600_000L);
            for (String actor : store.followedInstances()) {
                String host = Texts.hostOf(actor);
                Pressure.Report r;
                try {
                    r = pressure.fetch(actor);
                } catch (RuntimeException e) {
                    log.info("pool: no pressure from {}: {}", host, e.getMessage());
                    unanswered.add(host);
                    continue;
                }
                origins.add(new OriginLoad(host, r.capacityBytesPerHour(), r.egressBytesPerHour(), pledges.of(host).isPresent()));
                for (Pressure.Video v : r.videos()) {
                    if (!mirrorable(v.uuid(), host)) continue;
                    names.put(v.uuid(), v.name());
                    videos.add(load(v, host, us, ourPeaks.getOrDefault(v.uuid(), 0L)));
                }
            }
            // Our own videos are part of the pool's plan too (others may be asked to carry them, never us).
            if (!members.isEmpty()) {
                Pressure.Report mine = own.ours();
                origins.add(new OriginLoad(us, mine.capacityBytesPerHour(), mine.egressBytesPerHour(), true));
                for (Pressure.Video v : mine.videos()) videos.add(load(v, us, us, 0));
            }
        }
        Set<String> heldUuids = new HashSet<>();
        for (Mirror m : held) heldUuids.add(m.videoUuid());
        long storage = ours.map(Pledge::storageBytes).orElse(0L);
        long egress = ours.map(this::egressPerHour).orElse(0L);
        List<Placement> plan = new Planner().plan(new PlanInput(us, storage, egress, members, origins, videos, heldUuids));
        List<PoolStore.Decision> decisions = new ArrayList<>();
        for (Placement p : plan) {
            String origin = p.originHost() != null ? p.originHost() : store.originOf(p.uuid()).orElse(null);
            if (p.action() == Action.EVICT && origin != null && unanswered.contains(origin)) {
                decisions.add(new PoolStore.Decision(p.uuid(), nameOf(p.uuid(), names), origin, "keep", "keeping: " + origin + " did not answer for its pressure", 0));
                continue;
            }
            String reason = apply(p, held);
            decisions.add(new PoolStore.Decision(p.uuid(), nameOf(p.uuid(), names), origin, p.action().name().toLowerCase(java.util.Locale.ROOT),
                    reason, p.savedBytesPerHour()));
        }
        store.savePlan(decisions, origins.stream().map(o -> new PoolStore.Load(o.host(), o.capacityBytesPerHour(), o.egressBytesPerHour())).toList(), now);
        log.info("pool: planned {} decision(s) over {} origin(s), {} video(s) under load", decisions.size(), origins.size(), videos.size());
    }

    /** Carries a placement out; returns the reason to show (the planner's, or why it could not be done). */
    private String apply(Placement p, List<Mirror> held) {
        Optional<Mirror> mine = held.stream().filter(m -> m.videoUuid().equals(p.uuid())).findFirst();
        switch (p.action()) {
            case ADD -> {
                long videoId = mirrors.videoId(p.uuid()).orElseThrow();
                Optional<Mirror> existing = mirrors.findByVideo(videoId);
                if (existing.isPresent() && !Mirror.FAILED.equals(existing.get().state())) {
                    return "already mirrored (strategy " + existing.get().strategy() + "): " + p.reason();
                }
                existing.ifPresent(service::remove);
                service.create(videoId, STRATEGY, null);
            }
            case KEEP -> {
                // A copy that failed is tried again: the planner still wants it.
                if (mine.isPresent() && Mirror.FAILED.equals(mine.get().state())) {
                    service.remove(mine.get());
                    service.create(mine.get().videoId(), STRATEGY, null);
                }
            }
            case EVICT -> mine.ifPresent(service::remove);
        }
        return p.reason();
    }

    /** The video's name as its origin said, else as we know it (a held video its origin no longer lists). */
    private String nameOf(String uuid, Map<String, String> names) {
        String n = names.get(uuid);
        if (n != null) return n;
        return mirrors.videoId(uuid).flatMap(mirrors::source).map(MirrorSource::name).orElse(null);
    }

    /** A remote, public video of that origin that we know with an HLS playlist: what a mirror can copy. */
    private boolean mirrorable(String uuid, String host) {
        Optional<Long> id = mirrors.videoId(uuid);
        if (id.isEmpty()) return false;
        Optional<MirrorSource> s = mirrors.source(id.get());
        return s.isPresent() && !s.get().local() && s.get().playlistUrl() != null && host.equalsIgnoreCase(s.get().host());
    }

    /** A video as the planner sees it: the origin's figures, and what we served of it as its mirror. */
    private static VideoLoad load(Pressure.Video v, String origin, String us, long ourPeak) {
        int others = (int) v.mirrorHosts().stream().filter(h -> !h.equalsIgnoreCase(us)).count();
        return new VideoLoad(v.uuid(), v.name(), origin, v.originBytesPerHour(), v.sizeBytes(), others, ourPeak, v.demandBytesPerHour(), v.mirrorHosts());
    }

    /**
     * Our pledge's egress per hour (month / 730), none once this month's pledged egress is used up:
     * then the planner keeps nothing and our mirrors go until next month.
     */
    private long egressPerHour(Pledge p) {
        long monthStart = YearMonth.from(Instant.ofEpochMilli(clock.millis()).atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant().toEpochMilli();
        long used = store.servedForOthers(pledges.ourHost(), monthStart);
        return used >= p.egressBytesPerMonth() ? 0 : p.egressBytesPerHour();
    }
}
