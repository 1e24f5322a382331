package tandem.app;

import tandem.core.Config;
import tandem.federation.CacheFileAnnouncer;
import tandem.federation.transport.AddressPolicy;
import tandem.job.JobQueue;
import tandem.mirror.CopyRate;
import tandem.mirror.MirrorCandidates;
import tandem.mirror.MirrorCatalog;
import tandem.mirror.MirrorCopy;
import tandem.mirror.MirrorDirectory;
import tandem.mirror.MirrorHostStore;
import tandem.mirror.MirrorHosts;
import tandem.mirror.MirrorJobs;
import tandem.mirror.MirrorListing;
import tandem.mirror.MirrorPolicy;
import tandem.mirror.MirrorScheduler;
import tandem.mirror.MirrorService;
import tandem.mirror.MirrorStore;
import tandem.mirror.OriginFiles;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * The mirrors half of the composition root: our copies of other instances' videos (policy, copy
 * job, strategies, admin listing) and the hosts the admin lets us mirror. Built before the media
 * routes and the tracker, which ask its catalog what we serve.
 */
record Mirrors(MirrorPolicy policy, MirrorCatalog catalog, MirrorService service, MirrorHosts hosts, MirrorDirectory directory,
               MirrorListing listing, MirrorCopy copy, MirrorScheduler scheduler, OriginFiles origin) implements AutoCloseable {
    /** A copy waits this long at most for an origin's answer to start. */
    private static final Duration MIN_COPY_TIMEOUT = Duration.ofSeconds(30);

    /** @throws IllegalArgumentException when `mirror_strategies` is wrong: the instance must not start with a policy it cannot follow */
    static Mirrors wire(Config config, Platform p, Federation federation) {
        MirrorPolicy policy = MirrorPolicy.parse(config.mirrors().strategies());
        var jdbi = p.db().jdbi();
        MirrorStore store = new MirrorStore(jdbi);
        MirrorCatalog catalog = new MirrorCatalog(store, p.mapper());
        CacheFileAnnouncer announcer = federation.cacheFiles();
        var work = p.data().resolve("mirror-copies");
        MirrorService service = new MirrorService(p.db().transactions(), store, catalog, p.blobs(), p.jobs(), announcer, work, p.clock());
        String publicUrl = config.publicUrl().toString();
        MirrorDirectory directory = new MirrorDirectory(jdbi, publicUrl, p.clock());
        Duration timeout = config.federation().requestTimeout().compareTo(MIN_COPY_TIMEOUT) > 0 ? config.federation().requestTimeout() : MIN_COPY_TIMEOUT;
        OriginFiles origin = new OriginFiles(new AddressPolicy(config.federation().allowedHosts()), timeout,
                new CopyRate(config.mirrors().copyBytesPerSecond()), "Tandem (+" + publicUrl + ")");
        return new Mirrors(policy, catalog, service, new MirrorHosts(new MirrorHostStore(jdbi), federation.following(), p.clock()), directory,
                new MirrorListing(jdbi, directory, publicUrl),
                new MirrorCopy(store, catalog, p.blobs(), origin, announcer, p.mapper(), work, p.clock()),
                new MirrorScheduler(policy, store, new MirrorCandidates(jdbi), service, catalog, p.mapper(), p.clock(), new SecureRandom(), config.mirrors().checkInterval()),
                origin);
    }

    void registerJobs(Config config, JobQueue jobs) {
        jobs.register(MirrorJobs.COPY, copy);
        jobs.register(MirrorJobs.CHECK, scheduler);
        // Even without strategies: mirrors of a strategy the admin removed must still expire.
        jobs.recurring(MirrorJobs.CHECK, config.mirrors().checkInterval());
    }

    @Override
    public void close() {
        origin.close();
    }
}
