package tandem.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tandem.account.AccountService;
import tandem.core.Config;
import tandem.db.Database;
import tandem.federation.ActivityPurge;
import tandem.federation.ActorDeletions;
import tandem.federation.ActorStore;
import tandem.federation.ActorToAs;
import tandem.federation.AddressPolicy;
import tandem.federation.Audience;
import tandem.federation.Blocklist;
import tandem.federation.ChannelSubscriptions;
import tandem.federation.CommentActivities;
import tandem.federation.CommentToAs;
import tandem.federation.Crawler;
import tandem.federation.Delivery;
import tandem.federation.Discovery;
import tandem.federation.Documents;
import tandem.federation.FederationEvents;
import tandem.federation.FederationHttp;
import tandem.federation.FederationJobs;
import tandem.federation.Fetches;
import tandem.federation.Finger;
import tandem.federation.FollowActivities;
import tandem.federation.Following;
import tandem.federation.HttpSignatures;
import tandem.federation.Inbox;
import tandem.federation.InboxProcessor;
import tandem.federation.LocalActors;
import tandem.federation.ObjectFetcher;
import tandem.federation.Outbox;
import tandem.federation.Publisher;
import tandem.federation.RateActivities;
import tandem.federation.RemoteActors;
import tandem.federation.RemoteVideoStore;
import tandem.federation.Signers;
import tandem.federation.VideoActivities;
import tandem.federation.VideoToAs;
import tandem.federation.VideoUrls;
import tandem.job.JobHandler;
import tandem.job.JobQueue;
import tandem.job.JobType;
import tandem.storage.BlobStore;
import tandem.video.CommentStore;
import tandem.video.EngagementService;
import tandem.video.VideoService;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The federation half of the composition root: builds the ActivityPub services once and hands
 * the HTTP layer what it serves (documents, inbox, discovery, admin) and the job queue its handlers.
 */
record Federation(Documents documents, Inbox inbox, Discovery discovery, Following following, Blocklist blocks,
                  ChannelSubscriptions subscriptions, FederationHttp http, Map<JobType, JobHandler> handlers) {
    /** PeerTube's tolerance for the clock of a signed request (`Date` header). */
    private static final Duration SIGNATURE_SKEW = Duration.ofSeconds(1800);
    private static final long MAX_FETCHED_DOCUMENT = 3L * 1024 * 1024;

    static Federation wire(Config config, ObjectMapper mapper, Database db, JobQueue jobs, Clock clock, BlobStore blobs, Path tmp,
                           AccountService accounts, VideoService videos, EngagementService engagement, CommentStore comments, ActorStore actorStore,
                           LocalActors local, FederationEvents events, VideoUrls videoUrls, MeterRegistry registry) {
        Config.Federation fc = config.federation();
        AddressPolicy policy = new AddressPolicy(fc.allowedHosts());
        FederationHttp http = new FederationHttp(policy, fc.requestTimeout(), MAX_FETCHED_DOCUMENT,
                "Tandem (+" + config.publicUrl() + ")", clock);
        Signers signers = new Signers();
        Blocklist blocks = new Blocklist(db.jdbi(), clock);
        RemoteActors remoteActors = new RemoteActors(actorStore, local, http, signers, clock);
        JobType deliveryType = FederationJobs.delivery(fc);
        Outbox outbox = new Outbox(mapper, jobs, deliveryType, local, blocks, clock);
        ObjectFetcher fetcher = new ObjectFetcher(http, signers, local, blocks);
        RemoteVideoStore remoteVideos = new RemoteVideoStore(db.jdbi(), mapper);
        Audience audience = new Audience(actorStore, local, accounts);
        VideoToAs videoToAs = new VideoToAs(mapper, local, videoUrls);
        CommentToAs commentToAs = new CommentToAs(mapper, local);
        Documents documents = new Documents(mapper, accounts, videos, comments, remoteVideos, local, actorStore,
                new ActorToAs(mapper, local), videoToAs, commentToAs, config.instanceName());
        FollowActivities follows = new FollowActivities(mapper, actorStore, remoteActors, local, outbox, jobs, clock,
                fc.manualFollowerApproval(), documents::localActor);
        VideoActivities videoActivities = new VideoActivities(mapper, fetcher, remoteActors, actorStore, remoteVideos, jobs, clock, blocks);
        CommentActivities commentActivities = new CommentActivities(fetcher, remoteActors, local, comments, videos, remoteVideos, audience, outbox, clock, blocks);
        RateActivities rates = new RateActivities(remoteActors, local, videos, remoteVideos, events, engagement);
        Timer verifyTimer = Timer.builder("tandem_federation_signature_verify")
                .description("HTTP signature verification of inbox POSTs").register(registry);
        Inbox inbox = new Inbox(mapper, new HttpSignatures(SIGNATURE_SKEW), remoteActors, local, blocks, jobs, clock, fc.maxInboxBytes(), verifyTimer);
        Finger finger = new Finger(http, policy, mapper);
        Following following = new Following(mapper, actorStore, remoteActors, local, finger, outbox, follows, clock);

        Map<JobType, JobHandler> handlers = new LinkedHashMap<>();
        handlers.put(FederationJobs.INBOX, new InboxProcessor(db.jdbi(), mapper, fetcher, follows, videoActivities, commentActivities, rates, remoteActors,
                new ActorDeletions(actorStore, remoteActors, comments, engagement)));
        handlers.put(FederationJobs.PUBLISH, new Publisher(mapper, videos, comments, remoteVideos, local, actorStore, audience, videoToAs, commentToAs, new ActorToAs(mapper, local), outbox, jobs, clock));
        handlers.put(FederationJobs.CRAWL, new Crawler(mapper, fetcher, jobs));
        handlers.put(FederationJobs.FETCH, new Fetches(mapper, videoActivities, videos, http, blobs, tmp.resolve("fetch")));
        handlers.put(FederationJobs.PURGE, new ActivityPurge(db.jdbi(), clock));
        handlers.put(deliveryType, new Delivery(db.jdbi(), mapper, actorStore, signers, http, fc.perHostConcurrency(), clock));
        ChannelSubscriptions subscriptions = new ChannelSubscriptions(finger, remoteActors, actorStore, local, accounts, following);
        return new Federation(documents, inbox, new Discovery(mapper, local, documents), following, blocks, subscriptions, http, handlers);
    }

    void registerJobs(JobQueue jobs) {
        handlers.forEach(jobs::register);
        jobs.recurring(FederationJobs.PURGE, Duration.ofHours(6));
    }
}
