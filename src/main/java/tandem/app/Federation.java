package tandem.app;

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
import tandem.federation.signature.HttpSignatures;
import tandem.federation.inbox.Inbox;
import tandem.federation.inbox.DeleteTargets;
import tandem.federation.inbox.InboxProcessor;
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
import tandem.job.JobQueue;
import tandem.job.JobType;
import tandem.video.CommentStore;
import tandem.video.EngagementService;
import tandem.video.VideoService;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The federation half of the composition root: builds the ActivityPub services once and hands
 * the HTTP layer what it serves (documents, inbox, discovery, admin) and the job queue its handlers.
 */
record Federation(FederationEvents events, Documents documents, Inbox inbox, Discovery discovery, Following following, Blocklist blocks,
                  ChannelSubscriptions subscriptions, VideoLookups videoLookups, FederationHttp http, Consumer<JobQueue> handlers) {
    /** PeerTube's tolerance for the clock of a signed request (`Date` header). */
    private static final Duration SIGNATURE_SKEW = Duration.ofSeconds(1800);
    private static final long MAX_FETCHED_DOCUMENT = 3L * 1024 * 1024;

    /** Our actors and the listener of video and account events: built before the videos, which tell it what changes. */
    record Local(ActorStore actorStore, LocalActors actors, FederationEvents events) {
        static Local wire(Config config, Platform p) {
            ActorStore actorStore = new ActorStore(p.db().jdbi());
            LocalActors actors = new LocalActors(actorStore, config.publicUrl().toString(), p.clock());
            return new Local(actorStore, actors, new FederationEvents(p.jobs(), actors));
        }
    }

    static Federation wire(Config config, Platform p, Accounts a, Videos v, Local l, VideoUrls videoUrls) {
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
        RemoteActors remoteActors = new RemoteActors(transactions, actorStore, remoteAccounts, local, http, signers, clock);
        JobType<DeliveryJob> deliveryType = OutboxJobs.delivery(fc);
        Outbox outbox = new Outbox(mapper, outboxStore, jobs, deliveryType, local, blocks, clock);
        ObjectFetcher fetcher = new ObjectFetcher(http, signers, local, blocks);
        RemoteVideoStore remoteVideos = new RemoteVideoStore(db.jdbi(), mapper);
        Audience audience = new Audience(actorStore, local, accounts);
        VideoToAs videoToAs = new VideoToAs(mapper, local, videoUrls);
        CommentToAs commentToAs = new CommentToAs(mapper, local);
        Documents documents = new Documents(mapper, accounts, videos, comments, remoteVideos, local, actorStore,
                new ActorToAs(mapper, local), videoToAs, commentToAs, config.instanceName());
        FollowActivities follows = new FollowActivities(transactions, mapper, actorStore, remoteActors, local, outbox, jobs, clock,
                fc.manualFollowerApproval(), documents::localActor);
        VideoActivities videoActivities = new VideoActivities(transactions, mapper, fetcher, remoteActors, actorStore, remoteVideos, jobs, clock, blocks);
        CommentActivities commentActivities = new CommentActivities(transactions, fetcher, remoteActors, local, comments, videos, remoteVideos, audience,
                outbox, clock, blocks, events);
        RateActivities rates = new RateActivities(transactions, remoteActors, local, videos, remoteVideos, events, engagement);
        Timer verifyTimer = Timer.builder("tandem_federation_signature_verify")
                .description("HTTP signature verification of inbox POSTs").register(p.registry());
        Inbox inbox = new Inbox(mapper, new HttpSignatures(SIGNATURE_SKEW), remoteActors, local, blocks, transactions, inboxStore, jobs, clock,
                fc.maxInboxBytes(), verifyTimer);
        Finger finger = new Finger(http, policy, mapper);
        Following following = new Following(transactions, mapper, actorStore, remoteActors, local, finger, outbox, follows, clock);

        ActorDeletions actorDeletions = new ActorDeletions(transactions, actorStore, remoteAccounts, remoteActors, comments, engagement);
        InboxProcessor inboxProcessor = new InboxProcessor(inboxStore, mapper, fetcher, follows, videoActivities, commentActivities, rates, remoteActors,
                actorDeletions, new DeleteTargets(videoActivities, commentActivities, actorDeletions));
        Publisher publisher = new Publisher(transactions, mapper, videos, comments, remoteVideos, local, actorStore, audience, videoToAs, commentToAs, new ActorToAs(mapper, local), outbox, outboxStore, jobs, clock);
        Crawler crawler = new Crawler(fetcher, jobs);
        Fetches fetches = new Fetches(videoActivities, videos, http, p.blobs(), p.tmp().resolve("fetch"));
        ActivityPurge purge = new ActivityPurge(transactions, inboxStore, outboxStore, clock);
        Delivery delivery = new Delivery(outboxStore, mapper, actorStore, signers, http, fc.perHostConcurrency(), clock);
        // Registered when the queue starts its workers (see registerJobs), each handler with its payload's type.
        Consumer<JobQueue> handlers = q -> {
            q.register(InboxJobs.INBOX, inboxProcessor);
            q.register(OutboxJobs.PUBLISH, publisher);
            q.register(InboxJobs.CRAWL, crawler);
            q.register(InboxJobs.FETCH, fetches);
            q.register(FederationJobs.PURGE, purge);
            q.register(deliveryType, delivery);
        };
        ChannelSubscriptions subscriptions = new ChannelSubscriptions(finger, remoteActors, actorStore, local, accounts, following);
        return new Federation(events, documents, inbox, new Discovery(mapper, local, documents), following, blocks, subscriptions,
                new VideoLookups(videoActivities), http, handlers);
    }

    void registerJobs(JobQueue jobs) {
        handlers.accept(jobs);
        jobs.recurring(FederationJobs.PURGE, Duration.ofHours(6));
    }
}
