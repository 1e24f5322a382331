package tandem.app;

import tandem.core.Config;
import tandem.http.Urls;
import tandem.job.JobQueue;
import tandem.media.FfmpegBinaries;
import tandem.media.HlsTranscoder;
import tandem.media.MediaProbe;
import tandem.media.Thumbnailer;
import tandem.video.CaptionService;
import tandem.video.CaptionStore;
import tandem.video.ChapterStore;
import tandem.video.ScheduleStore;
import tandem.video.VideoChapters;
import tandem.video.VideoSchedules;
import tandem.video.VideoStills;
import tandem.video.CommentService;
import tandem.video.CommentStore;
import tandem.video.EngagementService;
import tandem.video.EngagementStore;
import tandem.video.MediaLinks;
import tandem.video.PlaybackStats;
import tandem.video.PlaybackStatsStore;
import tandem.video.PlaylistService;
import tandem.video.PlaylistStore;
import tandem.video.ResumableUploads;
import tandem.video.UploadStore;
import tandem.video.Video;
import tandem.video.VideoEvents;
import tandem.video.VideoFile;
import tandem.video.VideoFileTokenStore;
import tandem.video.VideoFileTokens;
import tandem.video.VideoJobs;
import tandem.video.VideoPipeline;
import tandem.video.VideoPrivacy;
import tandem.video.VideoService;
import tandem.video.VideoStore;
import tandem.video.WatchHistory;
import tandem.video.HistoryStore;
import tandem.video.NotificationStore;
import tandem.video.Notifications;
import tandem.video.NotifyingEvents;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** The videos half of the composition root: videos, uploads, comments, ratings, playback, playlists, captions, and their jobs. */
record Videos(VideoStore store, VideoService videos, ResumableUploads uploads, EngagementService engagement, CommentStore commentStore,
              CommentService comments, PlaybackStats playback, VideoFileTokens fileTokens, PlaylistService playlists, CaptionService captions,
              VideoChapters chapters, VideoStills stills, VideoSchedules schedules, Supplier<FfmpegBinaries> ffmpeg,
              WatchHistory history, Notifications notifications, VideoEvents events) {

    /** `federationEvents` hear of every change; users' notifications are added on top of them here. */
    static Videos wire(Config config, Platform p, Accounts a, VideoEvents federationEvents) throws IOException {
        var tx = p.db().transactions();
        var jdbi = p.db().jdbi();
        Notifications notifications = new Notifications(new NotificationStore(jdbi), p.clock(), config.publicHost());
        VideoEvents events = new NotifyingEvents(federationEvents, notifications);
        VideoStore store = new VideoStore(jdbi, p.db().dialect(), p.clock());
        VideoSchedules schedules = new VideoSchedules(tx, new ScheduleStore(jdbi), p.jobs(), p.clock(), events);
        VideoService videos = new VideoService(tx, store, a.accounts(), p.blobs(), p.jobs(), p.clock(), config.maxUploadBytes(), events, schedules);
        // Unpacked once, on first use: by the job registration after start-up, or by an edit that needs a still first.
        Supplier<FfmpegBinaries> ffmpeg = memoized(() -> new FfmpegBinaries(config.ffmpegCacheDir()));
        Supplier<Thumbnailer> thumbnailer = memoized(() -> new Thumbnailer(ffmpeg.get()));
        ResumableUploads uploads = new ResumableUploads(new UploadStore(jdbi), videos, p.data().resolve("uploads"), p.clock(), p.mapper(),
                config.uploadAbandonAfter(), config.maxPendingUploadsPerUser());
        WatchHistory history = new WatchHistory(new HistoryStore(jdbi), videos, p.clock());
        EngagementService engagement = new EngagementService(tx, new EngagementStore(jdbi), videos, p.clock(), events, history);
        CommentStore commentStore = new CommentStore(jdbi);
        return new Videos(store, videos, uploads, engagement, commentStore,
                new CommentService(tx, commentStore, videos, p.clock(), events),
                new PlaybackStats(new PlaybackStatsStore(jdbi), videos, p.clock()),
                new VideoFileTokens(new VideoFileTokenStore(jdbi), p.clock()),
                new PlaylistService(tx, new PlaylistStore(jdbi), a.accounts(), videos, p.clock()),
                new CaptionService(new CaptionStore(jdbi), videos, p.blobs(), p.clock()),
                new VideoChapters(tx, new ChapterStore(jdbi), videos, events),
                new VideoStills(tx, store, videos, p.blobs(), p.jobs(), thumbnailer, p.tmp().resolve("work"), p.clock(), events),
                schedules, ffmpeg, history, notifications, events);
    }

    /** A value made by the first caller and shared by all later ones. */
    private static <T> Supplier<T> memoized(Supplier<T> make) {
        java.util.concurrent.atomic.AtomicReference<T> ref = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            T v = ref.get();
            if (v != null) return v;
            synchronized (ref) {
                if (ref.get() == null) ref.set(make.get());
                return ref.get();
            }
        };
    }

    /**
     * Unpacks the bundled ffmpeg (seconds, so after HTTP answers: uploads queue jobs meanwhile) and
     * registers the video jobs with their handlers.
     */
    void registerJobs(Config config, Platform p, Urls urls, Supplier<List<Integer>> resolutions) {
        FfmpegBinaries ffmpeg = this.ffmpeg.get();
        VideoPipeline pipeline = new VideoPipeline(p.db().transactions(), store, p.blobs(), new MediaProbe(ffmpeg), new HlsTranscoder(ffmpeg),
                new Thumbnailer(ffmpeg), mediaLinks(urls), p.tmp().resolve("work"), p.clock(), events, p.jobs(), resolutions);
        JobQueue jobs = p.jobs();
        jobs.register(VideoJobs.TORRENT, pipeline::torrent);
        pipeline.queueMissingTorrents();
        jobs.register(VideoJobs.THUMBNAIL, pipeline::thumbnail);
        jobs.register(VideoJobs.transcode(config.transcodeConcurrency()), pipeline.transcode());
        jobs.register(VideoJobs.ladder(config.transcodeConcurrency()), pipeline.ladder());
        jobs.register(VideoJobs.DELETE_FILES, pipeline::deleteFiles);
        jobs.register(VideoJobs.SCHEDULED_UPDATE, (job, payload) -> {
            if (schedules.run(job, payload)) videos.refreshed(payload.videoId());
        });
        jobs.register(VideoJobs.PURGE_UPLOADS, (job, none) -> uploads.purgeAbandoned());
        jobs.recurring(VideoJobs.PURGE_UPLOADS, Duration.ofMinutes(10));
    }

    private static MediaLinks mediaLinks(Urls urls) {
        return new MediaLinks() {
            @Override
            public List<String> trackers() {
                return urls.trackerUrls();
            }

            @Override
            public String webSeed(Video video, VideoFile file) {
                return video.privacy() == VideoPrivacy.PRIVATE ? null : urls.fileUrl(video, file);
            }
        };
    }
}
