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

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The videos half of the composition root: videos, uploads, comments, ratings, playback, playlists, captions, and their jobs. */
record Videos(VideoStore store, VideoService videos, ResumableUploads uploads, EngagementService engagement, CommentStore commentStore,
              CommentService comments, PlaybackStats playback, VideoFileTokens fileTokens, PlaylistService playlists, CaptionService captions) {

    static Videos wire(Config config, Platform p, Accounts a, VideoEvents events) throws IOException {
        var tx = p.db().transactions();
        var jdbi = p.db().jdbi();
        VideoStore store = new VideoStore(jdbi, p.db().dialect());
        VideoService videos = new VideoService(tx, store, a.accounts(), p.blobs(), p.jobs(), p.clock(), config.maxUploadBytes(), events);
        ResumableUploads uploads = new ResumableUploads(new UploadStore(jdbi), videos, p.data().resolve("uploads"), p.clock(), p.mapper(),
                config.uploadAbandonAfter(), config.maxPendingUploadsPerUser());
        EngagementService engagement = new EngagementService(tx, new EngagementStore(jdbi), videos, p.clock(), events);
        CommentStore commentStore = new CommentStore(jdbi);
        return new Videos(store, videos, uploads, engagement, commentStore,
                new CommentService(tx, commentStore, videos, p.clock(), events),
                new PlaybackStats(new PlaybackStatsStore(jdbi), videos, p.clock()),
                new VideoFileTokens(new VideoFileTokenStore(jdbi), p.clock()),
                new PlaylistService(tx, new PlaylistStore(jdbi), a.accounts(), videos, p.clock()),
                new CaptionService(new CaptionStore(jdbi), videos, p.blobs(), p.clock()));
    }

    /**
     * Unpacks the bundled ffmpeg (seconds, so after HTTP answers: uploads queue jobs meanwhile) and
     * registers the video jobs with their handlers.
     */
    void registerJobs(Config config, Platform p, Urls urls, VideoEvents events) {
        FfmpegBinaries ffmpeg = new FfmpegBinaries(config.ffmpegCacheDir());
        VideoPipeline pipeline = new VideoPipeline(p.db().transactions(), store, p.blobs(), new MediaProbe(ffmpeg), new HlsTranscoder(ffmpeg),
                new Thumbnailer(ffmpeg), mediaLinks(urls), p.tmp().resolve("work"), p.clock(), events, p.jobs());
        JobQueue jobs = p.jobs();
        jobs.register(VideoJobs.TORRENT, pipeline::torrent);
        pipeline.queueMissingTorrents();
        jobs.register(VideoJobs.THUMBNAIL, pipeline::thumbnail);
        jobs.register(VideoJobs.transcode(config.transcodeConcurrency()), pipeline.transcode());
        jobs.register(VideoJobs.ladder(config.transcodeConcurrency()), pipeline.ladder());
        jobs.register(VideoJobs.DELETE_FILES, pipeline::deleteFiles);
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
