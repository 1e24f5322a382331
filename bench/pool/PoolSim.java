import tandem.mirror.pool.Action;
import tandem.mirror.pool.OriginLoad;
import tandem.mirror.pool.PlanInput;
import tandem.mirror.pool.Placement;
import tandem.mirror.pool.Planner;
import tandem.mirror.pool.PoolMember;
import tandem.mirror.pool.VideoLoad;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A week of a mirror pool, hour by hour, deterministic (seeded), driving Tandem's real Planner.
 * Usage: PoolSim [instances=20] [videos=2000] [seed=42]. See bench/pool.sh for the model.
 */
public final class PoolSim {
    static final double GB = 1e9;
    static final int HOURS = 24 * 7;
    static final int REPLAN_EVERY = 3;    // each Tandem member re-plans every 3 hours, the members in turn
    static final int WINDOW = 3;          // hours of observed loads given to the planner
    static final int MOST_VIEWS_EVERY = 24;

    /** One instance of the pool. */
    record Member(int id, String host, boolean peertube, double capacity, double storage, double egress) {}

    /** One video: its origin, size and popularity (peak-hour bytes), which drifts day by day. */
    static final class Video {
        final int id, origin;
        final String uuid;
        final double size;
        double peak;

        Video(int id, int origin, double size, double peak) {
            this.id = id;
            this.origin = origin;
            this.uuid = String.format(Locale.ROOT, "v%05d", id);
            this.size = size;
            this.peak = peak;
        }
    }

    /** A generated pool. */
    record Pool(List<Member> members, List<Video> videos) {}

    /** Varied capacities and pledges; Zipf popularity; peak demand about the pool's total capacity. */
    static Pool pool(int n, int nVideos, long seed) {
        Random r = new Random(seed);
        List<Member> members = new ArrayList<>();
        double[] weight = new double[n];
        double totalCapacity = 0;
        for (int i = 0; i < n; i++) {
            boolean peertube = i % 6 == 5;                          // 3 of 20: PeerTube, capacity unknown to the planner
            double capacity = 5 * GB * Math.pow(40, r.nextDouble()); // 5 .. 200 GB/h
            boolean pledges = peertube || i % 5 != 0;               // 1 in 5 Tandem members pledges nothing
            double storage = pledges ? (50 + 350 * r.nextDouble()) * GB : 0;
            double egress = pledges ? (5 + 35 * r.nextDouble()) * GB : 0;
            String host = (peertube ? "pt" : "m") + String.format(Locale.ROOT, "%03d", i) + ".example";
            members.add(new Member(i, host, peertube, capacity, storage, egress));
            weight[i] = 0.5 * Math.pow(8, r.nextDouble());
            totalCapacity += capacity;
        }
        int[] rank = new int[nVideos];
        for (int i = 0; i < nVideos; i++) rank[i] = i;
        for (int i = nVideos - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = rank[i]; rank[i] = rank[j]; rank[j] = t; }
        double zipfSum = 0;
        for (int i = 1; i <= nVideos; i++) zipfSum += 1.0 / i;
        double totalWeight = Arrays.stream(weight).sum();
        List<Video> videos = new ArrayList<>();
        for (int v = 0; v < nVideos; v++) {
            double pick = r.nextDouble() * totalWeight;
            int origin = 0;
            while (pick > weight[origin] && origin < n - 1) pick -= weight[origin++];
            double size = (0.3 + 2.7 * r.nextDouble()) * GB;
            double peak = 1.0 * totalCapacity * (1.0 / (rank[v] + 1)) / zipfSum;
            videos.add(new Video(v, origin, size, peak));
        }
        return new Pool(members, videos);
    }

    /** Share of the daily peak at hour of day h: low at night, peak at 20:00. */
    static double curve(int hour) {
        double x = 0.5 - 0.5 * Math.cos(2 * Math.PI * ((hour % 24) - 8) / 24.0);
        return 0.2 + 0.8 * x;
    }

    /** Which strategy a member runs. */
    enum Strategy { NONE, MOST_VIEWS, PLANNER, POOL }

    /** The outcome of one week. */
    record Result(double overload, double demand, double mirrorBytes, double storageUsed, long adds, long evicts, long plans, double originOver) {}

    static Result run(Pool pool, String scenario, long seed) {
        int n = pool.members().size(), nv = pool.videos().size();
        Random r = new Random(seed + 1);
        List<Video> videos = pool.videos();
        double[] peak = videos.stream().mapToDouble(v -> v.peak).toArray();
        Strategy[] strategy = new Strategy[n];
        for (Member m : pool.members()) {
            strategy[m.id()] = switch (scenario) {
                case "none" -> Strategy.NONE;
                case "most-views" -> Strategy.MOST_VIEWS;
                case "pool" -> m.peertube() ? Strategy.MOST_VIEWS : Strategy.POOL;
                default -> m.peertube() ? Strategy.MOST_VIEWS : Strategy.PLANNER;
            };
        }
        List<Set<Integer>> active = new ArrayList<>(), pending = new ArrayList<>();
        for (int i = 0; i < n; i++) { active.add(new HashSet<>()); pending.add(new HashSet<>()); }
        double[][] originBytes = new double[WINDOW][nv];          // per hour slot, peak-equivalent
        double[][] demandBytes = new double[WINDOW][nv];
        List<Map<Integer, double[]>> ours = new ArrayList<>();    // member -> video -> per slot
        for (int i = 0; i < n; i++) ours.add(new HashMap<>());
        double[] views = new double[nv];
        for (int v = 0; v < nv; v++) views[v] = peak[v] * HOURS * 0.5; // a week of history
        Planner planner = new Planner();
        double overload = 0, demand = 0, mirrorBytes = 0, storageUsed = 0;
        long adds = 0, evicts = 0, replans = 0;
        for (int t = 0; t < HOURS; t++) {
            if (t > 0 && t % 24 == 0) drift(peak, r);
            for (int i = 0; i < n; i++) { active.get(i).addAll(pending.get(i)); pending.get(i).clear(); }
            // Traffic of hour t: players prefer mirrors, split evenly among them, the origin serves what they do not.
            double c = curve(t);
            double[] d = new double[nv];
            List<List<Integer>> holders = new ArrayList<>();
            for (int v = 0; v < nv; v++) { d[v] = peak[v] * c * (0.9 + 0.2 * r.nextDouble()); holders.add(new ArrayList<>()); }
            for (int i = 0; i < n; i++) for (int v : active.get(i)) holders.get(v).add(i);
            double[] asked = new double[n];
            for (int v = 0; v < nv; v++) for (int i : holders.get(v)) asked[i] += d[v] / holders.get(v).size();
            double[] load = new double[n];
            int slot = t % WINDOW;
            for (Map<Integer, double[]> m : ours) for (double[] s : m.values()) s[slot] = 0;
            // First what each mirror can carry of its even share (at most its egress pledge), then, as
            // Tandem's player weighs sources by measured throughput and keeps the origin for last, what
            // a saturated mirror cannot carry goes to the video's other mirrors with egress to spare;
            // only the rest falls back on the origin.
            double[] used = new double[n];
            double[][] carried = new double[nv][];
            for (int v = 0; v < nv; v++) {
                List<Integer> hs = holders.get(v);
                carried[v] = new double[hs.size()];
                for (int k = 0; k < hs.size(); k++) {
                    int i = hs.get(k);
                    double share = d[v] / hs.size();
                    carried[v][k] = share * Math.min(1, pool.members().get(i).egress() / Math.max(asked[i], 1));
                    used[i] += carried[v][k];
                }
            }
            for (int v = 0; v < nv; v++) {
                List<Integer> hs = holders.get(v);
                double spill = hs.isEmpty() ? d[v] : d[v] - java.util.Arrays.stream(carried[v]).sum();
                for (int k = 0; k < hs.size() && spill > 1e-9; k++) {
                    int i = hs.get(k);
                    double take = Math.min(spill, Math.max(0, pool.members().get(i).egress() - used[i]));
                    carried[v][k] += take;
                    used[i] += take;
                    spill -= take;
                }
                double toOrigin = Math.max(0, spill);
                for (int k = 0; k < hs.size(); k++) {
                    int i = hs.get(k);
                    if (DEBUG) PER_ORIGIN.merge(scenario + " capped at " + (pool.members().get(i).peertube() ? "PT" : "Tandem"), (d[v] / hs.size() - carried[v][k]) / 1e12, Double::sum);
                    mirrorBytes += carried[v][k];
                    ours.get(i).computeIfAbsent(v, kk -> new double[WINDOW])[slot] = carried[v][k] / c;
                }
                load[videos.get(v).origin] += toOrigin;
                originBytes[slot][v] = toOrigin / c;
                demandBytes[slot][v] = d[v] / c;
                demand += d[v];
                views[v] += d[v];
            }
            for (int h = 0; h < n; h++) {
                double over = Math.max(0, load[h] - pool.members().get(h).capacity());
                overload += over;
                if (DEBUG) PER_ORIGIN.merge(scenario + " " + pool.members().get(h).host(), over / 1e12, Double::sum);
            }
            for (int i = 0; i < n; i++) for (int v : active.get(i)) storageUsed += videos.get(v).size;
            // Decisions for the next hour.
            for (Member m : pool.members()) {
                int i = m.id();
                if (strategy[i] == Strategy.MOST_VIEWS && t % MOST_VIEWS_EVERY == 0) {
                    long[] churn = mostViews(m, videos, views, active.get(i), pending.get(i));
                    adds += churn[0];
                    evicts += churn[1];
                }
                boolean plans = strategy[i] == Strategy.PLANNER || strategy[i] == Strategy.POOL;
                if (plans && (t + i) % REPLAN_EVERY == 0 && t >= WINDOW - 1) {
                    PlanInput in = strategy[i] == Strategy.POOL
                            ? poolInput(pool, i, originBytes, demandBytes, ours.get(i), active, pending, Math.min(t + 1, WINDOW))
                            : input(pool, i, originBytes, ours.get(i), active, pending, Math.min(t + 1, WINDOW));
                    replans++;
                    for (Placement p : planner.plan(in)) {
                        int v = Integer.parseInt(p.uuid().substring(1));
                        if (p.action() == Action.ADD) { pending.get(i).add(v); adds++; }
                        if (p.action() == Action.EVICT && System.getenv("DEBUG") != null) WHY.merge(scenario + ": " + p.reason().replaceAll(".*: ", "").replaceAll("[0-9]+ %", "N %").replaceAll("m[0-9]+.example|pt[0-9]+.example","H"), 1, Integer::sum);
                        if (p.action() == Action.EVICT) { active.get(i).remove(v); pending.get(i).remove(v); evicts++; }
                    }
                }
            }
        }
        return new Result(overload, demand, mirrorBytes, storageUsed / HOURS, adds, evicts, replans, 0);
    }

    /** PeerTube's most-views: the most viewed videos of others, whatever their origin's load, up to the storage. */
    static long[] mostViews(Member m, List<Video> videos, double[] views, Set<Integer> active, Set<Integer> pending) {
        List<Video> ranked = new ArrayList<>(videos);
        ranked.sort((a, b) -> Double.compare(views[b.id], views[a.id]));
        Set<Integer> chosen = new HashSet<>();
        double left = m.storage();
        for (Video v : ranked) {
            if (v.origin == m.id() || v.size > left) continue;
            chosen.add(v.id);
            left -= v.size;
        }
        long evicted = active.stream().filter(v -> !chosen.contains(v)).count(), added = 0;
        active.retainAll(chosen);
        for (int v : chosen) if (!active.contains(v) && pending.add(v)) added++;
        return new long[] {added, evicted};
    }

    /**
     * What member i's coordinated planner is told: the whole pool (its own origin and videos too), each video's
     * demand (origin + mirrors, as players report it) and mirror hosts, and the other Tandem members' pledges.
     */
    static PlanInput poolInput(Pool pool, int i, double[][] originBytes, double[][] demandBytes, Map<Integer, double[]> ours,
                               List<Set<Integer>> active, List<Set<Integer>> pending, int window) {
        int n = pool.members().size();
        List<List<String>> hosts = new ArrayList<>();
        for (int v = 0; v < pool.videos().size(); v++) hosts.add(new ArrayList<>());
        for (int j = 0; j < n; j++) {
            Set<Integer> holds = new HashSet<>(active.get(j));
            holds.addAll(pending.get(j));
            for (int v : holds) hosts.get(v).add(pool.members().get(j).host());
        }
        double[] egress = new double[n];
        List<VideoLoad> loads = new ArrayList<>();
        for (Video v : pool.videos()) {
            double o = 0, d = 0, u = 0;
            double[] mine = ours.get(v.id);
            for (int s = 0; s < window; s++) { o += originBytes[s][v.id]; d += demandBytes[s][v.id]; if (mine != null) u += mine[s]; }
            egress[v.origin] += o / window;
            List<String> h = hosts.get(v.id);
            int others = (int) h.stream().filter(x -> !x.equals(pool.members().get(i).host())).count();
            loads.add(new VideoLoad(v.uuid, "Video " + v.uuid, pool.members().get(v.origin).host(), (long) (o / window), (long) v.size,
                    others, (long) (u / window), (long) (d / window), h));
        }
        List<OriginLoad> origins = new ArrayList<>();
        List<PoolMember> members = new ArrayList<>();
        for (Member m : pool.members()) {
            origins.add(new OriginLoad(m.host(), m.peertube() ? 0 : (long) m.capacity(), (long) egress[m.id()], m.storage() > 0));
            if (!m.peertube() && m.storage() > 0) members.add(new PoolMember(m.host(), (long) m.storage(), (long) m.egress()));
        }
        Member me = pool.members().get(i);
        Set<String> held = new HashSet<>();
        for (int v : active.get(i)) held.add(pool.videos().get(v).uuid);
        for (int v : pending.get(i)) held.add(pool.videos().get(v).uuid);
        return new PlanInput(me.host(), (long) me.storage(), (long) me.egress(), members, origins, loads, held);
    }

    /** What member i's planner is told: the last hours' loads (peak-equivalent), mirrors as announced, its holdings. */
    static PlanInput input(Pool pool, int i, double[][] originBytes, Map<Integer, double[]> ours,
                           List<Set<Integer>> active, List<Set<Integer>> pending, int window) {
        int n = pool.members().size();
        int[] mirrors = new int[pool.videos().size()];
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            for (int v : active.get(j)) mirrors[v]++;
            for (int v : pending.get(j)) mirrors[v]++;
        }
        Set<String> held = new HashSet<>();
        for (int v : active.get(i)) held.add(pool.videos().get(v).uuid);
        for (int v : pending.get(i)) held.add(pool.videos().get(v).uuid);
        double[] egress = new double[n];
        List<VideoLoad> loads = new ArrayList<>();
        for (Video v : pool.videos()) {
            if (v.origin == i) continue;
            double o = 0, u = 0;
            double[] mine = ours.get(v.id);
            for (int s = 0; s < window; s++) { o += originBytes[s][v.id]; if (mine != null) u += mine[s]; }
            egress[v.origin] += o / window;
            loads.add(new VideoLoad(v.uuid, "Video " + v.uuid, pool.members().get(v.origin).host(), (long) (o / window), (long) v.size,
                    mirrors[v.id], held.contains(v.uuid) ? (long) (u / window) : 0));
        }
        List<OriginLoad> origins = new ArrayList<>();
        for (Member m : pool.members()) {
            if (m.id() == i) continue;
            origins.add(new OriginLoad(m.host(), m.peertube() ? 0 : (long) m.capacity(), (long) egress[m.id()], m.storage() > 0));
        }
        Member me = pool.members().get(i);
        return new PlanInput((long) me.storage(), (long) me.egress(), origins, loads, held);
    }

    /** Each day a few videos rise or fall: a popular one and a random one swap their popularity. */
    static void drift(double[] peak, Random r) {
        Integer[] order = new Integer[peak.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(peak[b], peak[a]));
        for (int k = 0; k < 20; k++) {
            int a = order[r.nextInt(100)], b = r.nextInt(peak.length);
            double t = peak[a]; peak[a] = peak[b]; peak[b] = t;
        }
    }

    /** CPU time of one re-plan on a pool of n instances (median of runs, after warm-up), in ms. */
    static double planCpuMs(int n, int nVideos, long seed) {
        Pool pool = pool(n, nVideos, seed);
        int nv = pool.videos().size();
        double[][] origin = new double[WINDOW][nv];
        for (Video v : pool.videos()) for (int s = 0; s < WINDOW; s++) origin[s][v.id] = v.peak;
        List<Set<Integer>> active = new ArrayList<>(), pending = new ArrayList<>();
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            Set<Integer> a = new HashSet<>();
            for (int k = 0; k < 30; k++) a.add(r.nextInt(nv));
            active.add(a);
            pending.add(new HashSet<>());
        }
        PlanInput in = poolInput(pool, 1, origin, origin, new HashMap<>(), active, pending, WINDOW);
        Planner planner = new Planner();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int k = 0; k < 10; k++) planner.plan(in);
        double[] ms = new double[21];
        for (int k = 0; k < ms.length; k++) {
            long t0 = mx.getCurrentThreadCpuTime();
            planner.plan(in);
            ms[k] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static final Map<String,Integer> WHY = new java.util.TreeMap<>();
    static final Map<String,Double> PER_ORIGIN = new java.util.TreeMap<>();
    static final boolean DEBUG = System.getenv("DEBUG") != null;
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int nv = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Pool pool = pool(n, nv, seed);
        double cap = pool.members().stream().mapToDouble(Member::capacity).sum();
        double storage = pool.members().stream().mapToDouble(Member::storage).sum();
        double egress = pool.members().stream().mapToDouble(Member::egress).sum();
        double peakDemand = pool.videos().stream().mapToDouble(v -> v.peak).sum();
        long pt = pool.members().stream().filter(Member::peertube).count();
        long noPledge = pool.members().stream().filter(m -> m.storage() == 0).count();
        System.out.printf(Locale.ROOT, "Pool: %d instances (%d PeerTube: capacity unknown to the planner; %d pledge nothing), %d videos (Zipf), %d hours, seed %d%n",
                n, pt, noPledge, nv, HOURS, seed);
        System.out.printf(Locale.ROOT, "  capacities %.0f GB/h in all (5..200 each), peak demand %.0f GB/h (daily curve 20 %%..100 %%, peak 20:00, +-10 %% noise, 20 swaps of popularity a day)%n",
                cap / GB, peakDemand / GB);
        System.out.printf(Locale.ROOT, "  pledges for others: storage %.0f GB, egress %.0f GB/h in all; every strategy gets the same storage and egress per member%n",
                storage / GB, egress / GB);
        System.out.println("Traffic model: players prefer mirrors (Tandem's prefer-mirrors): while a video has an active mirror the origin serves nothing of it,");
        System.out.println("  its mirrors split its viewers evenly, a mirror serves at most its egress pledge per hour, what a saturated mirror cannot carry goes to");
        System.out.println("  the video's other mirrors with egress to spare (the player weighs sources by measured throughput), the rest to the origin;");
        System.out.println("  a new copy serves from the next hour. The same player in every strategy: they differ in placement only.");
        System.out.printf(Locale.ROOT, "Planner input: each Tandem member re-plans every %d hours (in turn), from the last %d hours' loads scaled to the daily peak by the curve; PeerTube members run most-views in (c1) and (c) too.%n",
                REPLAN_EVERY, WINDOW);
        System.out.println("  (c1) each member judges each origin alone; (c) each computes the pool's plan (pledges of the Tandem members, each video's demand");
        System.out.println("  and mirror hosts as the origins report them) and carries out its own part.");
        Map<String, Result> results = new HashMap<>();
        for (String s : List.of("none", "most-views", "planner", "pool")) {
            Result res = run(pool, s, seed);
            results.put(s, res);
            String label = switch (s) { case "none" -> "(a) no mirrors  "; case "most-views" -> "(b) most-views  "; case "planner" -> "(c1) alone     "; default -> "(c) pool plan  "; };
            System.out.printf(Locale.ROOT, "%s origin overload %8.1f TB  served within capacity %6.2f %%  by mirrors %7.1f TB  storage held %6.0f GB (avg)%s%n",
                    label, res.overload() / 1e12, 100 * (1 - res.overload() / res.demand()), res.mirrorBytes() / 1e12, res.storageUsed() / GB,
                    String.format(Locale.ROOT, "  %d re-plans, %d adds, %d evictions", res.plans(), res.adds(), res.evicts()));
        }
        if (DEBUG) { System.out.println(WHY); PER_ORIGIN.forEach((k, v) -> { if (v > 0.05) System.out.printf(Locale.ROOT, "  %s %.2f TB%n", k, v); }); }
        System.out.printf(Locale.ROOT, "Overload ratio (c)/(b): %.3f (target <= 0.5); (c)/(a): %.3f; (b)/(a): %.3f; (c1)/(b): %.3f%n",
                results.get("pool").overload() / results.get("most-views").overload(),
                results.get("pool").overload() / results.get("none").overload(),
                results.get("most-views").overload() / results.get("none").overload(),
                results.get("planner").overload() / results.get("most-views").overload());
        System.out.printf(Locale.ROOT, "Planner CPU per re-plan: %.2f ms at %d instances (%d videos), %.2f ms at %d instances (%d videos)%n",
                planCpuMs(n, nv, seed), n, nv, planCpuMs(n * 10, nv * 10, seed), n * 10, nv * 10);
    }
}
