package tandem.app;

import tandem.account.RemoteActorImages;

import tandem.federation.inbox.InboxJobs;
import tandem.federation.outbox.OutboxJobs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import tandem.account.AccountService;
import tandem.core.Config;
import tandem.db.Database;
import tandem.db.Transactions;
import tandem.federation.ActivityPurge;
import tandem.federation.inbox.ActorDeletions;
import tandem.federation.actor.ActorStore;
import tandem.federation.document.ActorToAs;
import tandem.federation.transport.AddressPolicy;
import tandem.federation.outbox.Audience;
import tandem.federation.actor.Blocklist;
import tandem.federation.actor.BlocklistStore;
import tandem.federation.ChannelSubscriptions;
import tandem.federation.inbox.CommentActivities;
import tandem.federation.document.CommentToAs;
import tandem.federation.inbox.Crawler;
import tandem.federation.outbox.Delivery;
import tandem.federation.outbox.DeliveryJob;
import tandem.federation.document.Discovery;
import tandem.federation.document.Documents;
import tandem.federation.FederationEvents;
import tandem.federation.transport.FederationHttp;
import tandem.federation.FederationJobs;
import tandem.federation.inbox.Fetches;
import tandem.federation.actor.Finger;
import tandem.federation.inbox.FollowActivities;
import tandem.federation.Following;
import tandem.federation.SignedRequests;
import tandem.federation.actor.PledgeExchange;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.inbox.Inbox;
import tandem.federation.inbox.DeleteTargets;
import tandem.federation.inbox.FlagActivities;
import tandem.federation.inbox.InboxProcessor;
import tandem.federation.outbox.FlagSender;
import tandem.video.moderation.Abuses;
import tandem.federation.inbox.InboxStore;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.outbox.Outbox;
import tandem.federation.outbox.OutboxStore;
import tandem.federation.outbox.Publisher;
import tandem.federation.inbox.RateActivities;
import tandem.federation.actor.RemoteAccountStore;
import tandem.federation.actor.RemoteActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.actor.Signers;
import tandem.federation.inbox.VideoActivities;
import tandem.federation.VideoLookups;
import tandem.federation.document.VideoToAs;
import tandem.federation.vocab.VideoUrls;
import tandem.federation.CacheFileDocuments;
import tandem.federation.inbox.CacheFileActivities;
import tandem.federation.CacheFiles;
import tandem.federation.UsageDelivery;
import tandem.federation.document.UsageToAs;
import tandem.federation.inbox.UsageActivities;
import tandem.mirror.ledger.UsageJobs;
import tandem.mirror.ledger.UsageReceiver;
import tandem.mirror.ledger.UsageReportStore;
import tandem.mirror.ledger.UsageSender;
import tandem.mirror.MirrorDirectory;
import tandem.mirror.OriginHostStore;
import tandem.mirror.MirrorRefresh;
import tandem.mirror.MirrorStore;
import tandem.mirror.Origins;
import tandem.mirror.RemoteMirrorChecks;
import tandem.mirror.RemoteMirrorJobs;
import tandem.mirror.RemoteMirrorStore;
import tandem.mirror.RemoteMirrors;
import tandem.job.JobQueue;
import tandem.job.JobType;
import tandem.video.CommentStore;
import tandem.video.EngagementService;
import tandem.video.VideoService;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The federation half of the composition root: builds the ActivityPub services once and hands
 * the HTTP layer what it serves (documents, inbox, discovery, admin) and the job queue its handlers.
 */
record Federation(FederationEvents events, Documents documents, Inbox inbox, Discovery discovery, Following following, Blocklist blocks,
                  ChannelSubscriptions subscriptions, VideoLookups videoLookups, FederationHttp http, Consumer<JobQueue> handlers,
                  CacheFiles cacheFiles, CacheFileDocuments cacheFileDocuments, RemoteVideoStore remoteVideos, Origins origins, Duration mirrorRecheck,
                  SignedRequests signedRequests) {
    /** PeerTube's tolerance for the clock of a signed request (`Date` header). */
    private static final Duration SIGNATURE_SKEW = Duration.ofSeconds(1800);
    private static final long MAX_FETCHED_DOCUMENT = 3L * 1024 * 1024;

    /** Our actors and the listener of video and account events: built before the videos, which tell it what changes. */
    record Local(ActorStore actorStore, LocalActors actors, FederationEvents events) {
        static Local wire(Config config, Platform p) {
            ActorStore actorStore = new ActorStore(p.db().jdbi());
            LocalActors actors = new LocalActors(actorStore, p.db().transactions(), config.publicUrl().toString(), p.clock());
            return new Local(actorStore, actors, new FederationEvents(p.jobs(), actors));
        }
    }

    static Federation wire(Config config, Platform p, Accounts a, Videos v, Local l, VideoUrls videoUrls, PledgeExchange pledges,
                           Supplier<String> instanceName, Moderation moderation) {
        Abuses abuses = moderation.abuses();
        ObjectMapper mapper = p.mapper();
        Database db = p.db();
        JobQueue jobs = p.jobs();
        Clock clock = p.clock();
        AccountService accounts = a.accounts();
        VideoService videos = v.videos();
        EngagementService engagement = v.engagement();
        CommentStore comments = v.commentStore();
        ActorStore actorStore = l.actorStore();
        LocalActors local = l.actors();
        FederationEvents events = l.events();
        Config.Federation fc = config.federation();
        AddressPolicy policy = new AddressPolicy(fc.allowedHosts());
        FederationHttp http = new FederationHttp(policy, fc.requestTimeout(), MAX_FETCHED_DOCUMENT,
                "Tandem (+" + config.publicUrl() + ")", clock);
        Signers signers = new Signers();
        Transactions transactions = db.transactions();
        InboxStore inboxStore = new InboxStore(db.jdbi());
        OutboxStore outboxStore = new OutboxStore(db.jdbi());
        RemoteAccountStore remoteAccounts = new RemoteAccountStore();
        Blocklist blocks = new Blocklist(new BlocklistStore(db.jdbi()), clock);
        RemoteActors remoteActors = new RemoteActors(transactions, actorStore, remoteAccounts, local, http, signers, clock, pledges,
                new RemoteActorImages(a.imageStore(), a.imageFiles()));
        JobType<DeliveryJob> deliveryType = OutboxJobs.delivery(fc);
        Outbox outbox = new Outbox(mapper, outboxStore, jobs, deliveryType, local, blocks, clock);
        ObjectFetcher fetcher = new ObjectFetcher(http, signers, local, blocks);
        RemoteVideoStore remoteVideos = new RemoteVideoStore(db.jdbi(), mapper);
        Audience audience = new Audience(actorStore, local, accounts);
        VideoToAs videoToAs = new VideoToAs(mapper, local, videoUrls);
        CommentToAs commentToAs = new CommentToAs(mapper, local);
        Documents documents = new Documents(mapper, accounts, videos, comments, remoteVideos, local, actorStore,
                new ActorToAs(mapper, local, pledges, a.imageStore()), videoToAs, commentToAs, instanceName, v.chapters());
        FollowActivities follows = new FollowActivities(transactions, mapper, actorStore, remoteActors, local, outbox, jobs, clock,
                fc.manualFollowerApproval(), documents::localActor);
        // Whether origins answer: the mirror package tracks it, told by failed refreshes too.
        Origins origins = new Origins(new OriginHostStore(db.jdbi()), remoteVideos, http, clock);
        VideoActivities videoActivities = new VideoActivities(transactions, mapper, fetcher, remoteActors, actorStore, remoteVideos, jobs, clock, blocks, http,
                origins, new MirrorRefresh(new MirrorStore(db.jdbi()), jobs), v.notifications());
        CommentActivities commentActivities = new CommentActivities(transactions, fetcher, remoteActors, local, comments, videos, remoteVideos, audience,
                outbox, clock, blocks, events, v.notifications());
        RateActivities rates = new RateActivities(transactions, remoteActors, local, videos, remoteVideos, events, engagement);
        Timer verifyTimer = Timer.builder("tandem_federation_signature_verify")
                .description("HTTP signature verification of inbox POSTs").register(p.registry());
        Inbox inbox = new Inbox(mapper, new HttpSignatures(SIGNATURE_SKEW), remoteActors, local, blocks, transactions, inboxStore, jobs, clock,
                fc.maxInboxBytes(), verifyTimer);
        Finger finger = new Finger(http, policy, mapper);
        Following following = new Following(transactions, mapper, actorStore, remoteActors, local, finger, outbox, follows, clock);

        ActorDeletions actorDeletions = new ActorDeletions(transactions, actorStore, remoteAccounts, remoteActors, comments, engagement);
        // Others' mirrors of what we know: the mirror package judges them (the CacheFileSink port), federation carries them.
        RemoteMirrors remoteMirrors = new RemoteMirrors(transactions, new RemoteMirrorStore(db.jdbi()), config.mirrors().acceptFrom(), remoteActors,
                actorStore, local, videos, remoteVideos, videoActivities, jobs, clock);
        RemoteMirrorChecks mirrorChecks = new RemoteMirrorChecks(new RemoteMirrorStore(db.jdbi()), videos, remoteVideos, p.blobs(), http, mapper, jobs,
                config.mirrors().recheckInterval(), clock);
        CacheFileActivities cacheFileActivities = new CacheFileActivities(fetcher, remoteMirrors, local, videos, audience, outbox, transactions);
        // Hourly usage reports between mirrors and origins: the ledger (mirror package) judges them, federation carries them.
        UsageDelivery usageDelivery = new UsageDelivery(actorStore, local, finger, remoteActors, new UsageToAs(mapper, local), outbox);
        UsageReportStore usageStore = new UsageReportStore(db.jdbi());
        UsageSender usageSender = new UsageSender(usageStore, usageDelivery, transactions, local.host(), clock);
        UsageActivities usage = new UsageActivities(remoteActors, new UsageReceiver(usageStore, usageDelivery, videos, transactions, clock));
        InboxProcessor inboxProcessor = new InboxProcessor(inboxStore, mapper, fetcher, follows, videoActivities, commentActivities, rates, remoteActors,
                actorDeletions, new DeleteTargets(videoActivities, commentActivities, actorDeletions), cacheFileActivities, usage,
                new FlagActivities(remoteActors, local, videos, accounts, abuses));
        FlagSender flags = new FlagSender(transactions, mapper, abuses, comments, remoteVideos, actorStore, local, outbox);
        CacheFiles cacheFiles = new CacheFiles(transactions, mapper, videos, remoteVideos, actorStore, local, outbox,
                new MirrorDirectory(db.jdbi(), config.publicUrl().toString(), clock)::ourBaseUrl, clock);
        Publisher publisher = new Publisher(transactions, mapper, videos, comments, remoteVideos, local, actorStore, audience, videoToAs, commentToAs, new ActorToAs(mapper, local, pledges, a.imageStore()), outbox, outboxStore, jobs, clock, instanceName, moderation.videoBlocks()::unfederated);
        Crawler crawler = new Crawler(fetcher, jobs);
        Fetches fetches = new Fetches(videoActivities, videos, http, p.blobs(), p.tmp().resolve("fetch"));
        ActivityPurge purge = new ActivityPurge(transactions, inboxStore, outboxStore, actorStore, clock);
        Delivery delivery = new Delivery(outboxStore, mapper, actorStore, signers, http, fc.perHostConcurrency(), clock);
        // Registered when the queue starts its workers (see registerJobs), each handler with its payload's type.
        Consumer<JobQueue> handlers = q -> {
            q.register(InboxJobs.INBOX, inboxProcessor);
            q.register(OutboxJobs.PUBLISH, publisher);
            q.register(OutboxJobs.FLAG, flags);
            q.register(InboxJobs.CRAWL, crawler);
            q.register(InboxJobs.FETCH, fetches);
            q.register(FederationJobs.PURGE, purge);
            q.register(deliveryType, delivery);
            q.register(RemoteMirrorJobs.CHECK, mirrorChecks.checker());
            q.register(RemoteMirrorJobs.RECHECK, mirrorChecks.rechecker());
            q.register(RemoteMirrorJobs.ORIGIN_PROBE, origins.prober());
            q.register(UsageJobs.SEND, usageSender);
        };
        ChannelSubscriptions subscriptions = new ChannelSubscriptions(finger, remoteActors, actorStore, local, accounts, following);
        return new Federation(events, documents, inbox, new Discovery(mapper, local, documents), following, blocks, subscriptions,
                new VideoLookups(videoActivities), http, handlers, cacheFiles, new CacheFileDocuments(db.jdbi(), cacheFiles), remoteVideos, origins,
                config.mirrors().recheckInterval(), new SignedRequests(new HttpSignatures(SIGNATURE_SKEW), remoteActors, blocks, clock));
    }

    void registerJobs(JobQueue jobs) {
        handlers.accept(jobs);
        jobs.recurring(FederationJobs.PURGE, Duration.ofHours(6));
        jobs.recurring(RemoteMirrorJobs.ORIGIN_PROBE, Origins.FRESH);
        jobs.recurring(UsageJobs.SEND, UsageJobs.EVERY);
        // Re-checks come due one interval after each mirror's last check: plan them a few times per interval.
        jobs.recurring(RemoteMirrorJobs.RECHECK, mirrorRecheck.dividedBy(4).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : mirrorRecheck.dividedBy(4));
    }
}
