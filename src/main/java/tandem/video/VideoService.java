package tandem.video;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.core.ShortUuid;
import tandem.db.Transactions;
import tandem.job.JobQueue;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Videos as users see them: create from an upload, read with privacy rules, list, update, delete. */
public final class VideoService {
    private static final Logger log = LoggerFactory.getLogger(VideoService.class);
    private static final Pattern UUID_PATTERN = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern EXTENSION = Pattern.compile("^\\.[a-z0-9]{1,8}$");

    private static final Duration REMOTE_REFRESH_AFTER = Duration.ofDays(1);

    private final Transactions transactions;
    private final VideoStore store;
    private final AccountService accounts;
    private final BlobStore blobs;
    private final JobQueue jobs;
    private final Clock clock;
    private final long maxUploadBytes;
    private final VideoEvents events;
    private final VideoSchedules schedules;
    private final List<Consumer<Video>> changeListeners = new CopyOnWriteArrayList<>();

    public VideoService(Transactions transactions, VideoStore store, AccountService accounts, BlobStore blobs, JobQueue jobs, Clock clock,
                        long maxUploadBytes, VideoEvents events, VideoSchedules schedules) {
        this.events = events;
        this.schedules = schedules;
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.blobs = blobs;
        this.jobs = jobs;
        this.clock = clock;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Checks, before any byte is stored, that the user may upload this many bytes to this channel. */
    public Channel checkUploadAllowed(User user, VideoMetadata m, long size) {
        return checkUploadAllowed(user, m, size, 0);
    }

    /** As above, also counting against the quota the `reserved` bytes the user's other uploads in progress declared. */
    public Channel checkUploadAllowed(User user, VideoMetadata m, long size, long reserved) {
        Channel channel = ownedChannel(user, m.channelId());
        if (size > maxUploadBytes) {
            throw new Problem(413, "max_file_size_reached", "The video is too big: " + size + " bytes, the maximum is " + maxUploadBytes + " bytes.");
        }
        checkQuota(user, size + reserved);
        return channel;
    }

    public void checkQuota(User user, long size) {
        if (user.videoQuota() >= 0 && store.usedQuota(user.accountId(), 0) + size > user.videoQuota()) {
            throw new Problem(413, "quota_reached", "The user video quota is exceeded with this video.");
        }
        long dayAgo = clock.millis() - Duration.ofDays(1).toMillis();
        if (user.videoQuotaDaily() >= 0 && store.usedQuota(user.accountId(), dayAgo) + size > user.videoQuotaDaily()) {
            throw new Problem(413, "quota_reached", "The user video daily quota is exceeded with this video.");
        }
    }

    private Channel ownedChannel(User user, Long channelId) {
        if (channelId == null) throw Problem.invalidParam("channelId", "Should have correct video channel id");
        Channel channel = accounts.channel(channelId)
                .orElseThrow(() -> Problem.invalidParam("channelId", "Unknown video channel " + channelId));
        if (channel.account().id() != user.accountId()) throw Problem.forbidden("Cannot publish to a video channel of another user.");
        return channel;
    }

    /**
     * Turns a complete uploaded file into a video: moves it to storage as the original, records the
     * video and queues torrent, thumbnail and transcode jobs, all in one transaction.
     */
    public Video createFromUpload(User user, VideoMetadata m, Path file, String originalName) throws IOException {
        return createFromUpload(user, m, file, originalName, Optional.empty());
    }

    /** As above, with PeerTube's `scheduleUpdate`: the video's publication is scheduled in the same transaction. */
    public Video createFromUpload(User user, VideoMetadata m, Path file, String originalName, Optional<ScheduledUpdate> schedule) throws IOException {
        long size = Files.size(file);
        Channel channel = checkUploadAllowed(user, m, size);
        String uuid = UUID.randomUUID().toString();
        String fileKey = UUID.randomUUID().toString();
        String webName = fileKey + "-original" + extensionOf(originalName);
        String key = BlobKeys.webVideo(webName);
        blobs.put(key, file);
        try {
            long now = clock.millis();
            long id = transactions.inTransaction(h -> {
                long videoId = store.insert(h, uuid, channel.id(), m, fileKey, size, originalName, now);
                store.insertFile(h, videoId, VideoFile.WEB, 0, 0, 0, 0, size, webName, true, true, now);
                VideoJob payload = new VideoJob(videoId);
                jobs.enqueue(h, VideoJobs.TORRENT, payload);
                jobs.enqueue(h, VideoJobs.THUMBNAIL, payload);
                jobs.enqueue(h, VideoJobs.TRANSCODE, payload);
                if (schedule.isPresent()) schedules.set(h, videoId, schedule.get());
                return videoId;
            });
            log.info("video {} created by {} ({} bytes, '{}')", uuid, user.username(), size, originalName);
            return store.byId(id).orElseThrow();
        } catch (RuntimeException e) {
            blobs.delete(key);
            throw e;
        }
    }

    static String extensionOf(String name) {
        if (name == null) return ".mp4";
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(ext).matches() ? ext : ".mp4";
    }

    /** PeerTube's `scheduleUpdate` of an upload or update, if any; its time must be to come. */
    public Optional<ScheduledUpdate> schedule(Fields f) {
        return ScheduledUpdate.parse(f, clock.millis());
    }

    /** Finds a video by numeric id, UUID or short UUID; 400 when the id has none of these shapes. */
    public Optional<Video> find(String idOrUuid) {
        if (idOrUuid == null) return Optional.empty();
        if (idOrUuid.chars().allMatch(Character::isDigit) && !idOrUuid.isEmpty() && idOrUuid.length() < 19) {
            return store.byId(Long.parseLong(idOrUuid));
        }
        if (UUID_PATTERN.matcher(idOrUuid).matches()) return store.byUuid(idOrUuid.toLowerCase(Locale.ROOT));
        if (idOrUuid.length() == 32 && idOrUuid.matches("^[0-9a-fA-F]{32}$")) {
            return store.byUuid(idOrUuid.toLowerCase(Locale.ROOT).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        }
        UUID fromShort = ShortUuid.decode(idOrUuid);
        if (fromShort != null) return store.byUuid(fromShort.toString());
        throw Problem.invalidParam("id", "Should have a valid id");
    }

    /** The video a stored file belongs to, by the file key its name starts with (thumbnails, torrents, web videos). */
    public Optional<Video> findByFileKey(String fileKey) {
        return store.byFileKey(fileKey);
    }

    /**
     * Registers code to run after a video's privacy or settings changed, or it was deleted, once the
     * change is committed: caches of who may read a video's files must not outlive it.
     */
    public void onChanged(Consumer<Video> listener) {
        changeListeners.add(listener);
    }

    private void changed(Video v) {
        for (Consumer<Video> l : changeListeners) l.accept(v);
    }

    /**
     * A video the viewer may see: private videos only for their owner and moderators, unlisted ones
     * by their UUID (sequential numeric ids would let strangers walk through them), as PeerTube.
     */
    public Video visible(Optional<User> viewer, String idOrUuid) {
        Video v = find(idOrUuid).orElseThrow(() -> Problem.notFound("Video not found"));
        if (v.privacy() == VideoPrivacy.PRIVATE && !canManage(viewer, v)) {
            throw Problem.forbidden("Cannot get this private video of another user");
        }
        if (v.privacy() == VideoPrivacy.UNLISTED && isNumber(idOrUuid) && !canManage(viewer, v)) throw Problem.notFound("Video not found");
        return v;
    }

    private static boolean isNumber(String id) {
        return id.chars().allMatch(Character::isDigit);
    }

    /**
     * A local video anyone holding its link may embed: public, or unlisted when named by its UUID
     * or short UUID (sequential numeric ids would let strangers walk through unlisted videos).
     */
    public Video embeddable(String idOrUuid) {
        Video v = find(idOrUuid).filter(Video::isLocal).orElseThrow(() -> Problem.notFound("Video not found"));
        if (v.privacy() == VideoPrivacy.PUBLIC || (v.privacy() == VideoPrivacy.UNLISTED && !isNumber(idOrUuid))) return v;
        throw Problem.forbidden("Video is not publicly available");
    }

    public boolean canManage(Optional<User> viewer, Video v) {
        return viewer.isPresent() && (v.ownedBy(viewer.get().accountId()) || viewer.get().role().canManageVideos());
    }

    /** A video the user may edit: theirs, or any for a moderator; 404 for another's private one, else 403. */
    public Video managed(User user, String idOrUuid) {
        Video v = find(idOrUuid).orElseThrow(() -> Problem.notFound("Video not found"));
        if (!canManage(Optional.of(user), v)) {
            if (v.privacy() == VideoPrivacy.PRIVATE) throw Problem.notFound("Video not found");
            throw Problem.forbidden("Cannot manage a video of another user.");
        }
        return v;
    }

    public Video update(User user, String idOrUuid, VideoMetadata m) {
        return update(user, idOrUuid, m, Optional.empty());
    }

    /**
     * Updates the metadata and, with a schedule, (re)schedules its publication; a privacy made public or
     * unlisted by hand drops a pending schedule, as PeerTube.
     */
    public Video update(User user, String idOrUuid, VideoMetadata m, Optional<ScheduledUpdate> schedule) {
        Video v = managed(user, idOrUuid);
        if (m.channelId() != null && m.channelId() != v.channel().id()) ownedChannel(user, m.channelId());
        transactions.useTransaction(h -> {
            store.update(h, v.id(), m, clock.millis());
            if (schedule.isPresent()) schedules.set(h, v.id(), schedule.get());
            else if (m.privacy() != null && m.privacy() != VideoPrivacy.PRIVATE) schedules.clear(h, v.id());
            // Made public by hand, as by a schedule: a publication, which its channel's subscribers hear of.
            boolean madePublic = v.privacy() != VideoPrivacy.PUBLIC && m.privacy() == VideoPrivacy.PUBLIC && v.state() == VideoState.PUBLISHED;
            if (madePublic) events.published(h, v.id());
            else events.updated(h, v.id());
        });
        return refreshed(v.id());
    }

    /** Reads a video again after a change committed elsewhere (its stills, its schedule) and tells the change listeners. */
    public Video refreshed(long videoId) {
        Video updated = store.byId(videoId).orElseThrow(() -> Problem.notFound("Video not found"));
        changed(updated);
        return updated;
    }

    /** Deletes the row now and queues the removal of every stored file. */
    public void delete(User user, String idOrUuid) {
        Video v = managed(user, idOrUuid);
        transactions.useTransaction(h -> remove(h, v));
        changed(v);
        log.info("video {} deleted by {}", v.uuid(), user.username());
    }

    /** Deletes every video of an account, files included, in the caller's transaction (the account is going away). */
    public void removeAllOf(Handle h, long accountId) {
        for (Video v : store.byAccount(h, accountId)) remove(h, v);
    }

    /** Deletes the row and queues the removal of its stored files, in the caller's transaction. */
    private void remove(Handle h, Video v) {
        List<String> keys = new ArrayList<>();
        keys.add(BlobKeys.hlsFolder(v.uuid()));
        keys.add(BlobKeys.captionsFolder(v.uuid()));
        keys.add(BlobKeys.thumbnail(v.thumbnailName()));
        keys.add(BlobKeys.preview(v.thumbnailName()));
        for (VideoFile f : store.files(h, v.id())) {
            if (VideoFile.WEB.equals(f.kind())) keys.add(BlobKeys.webVideo(f.fileName()));
            if (f.torrentName() != null) keys.add(BlobKeys.torrent(f.torrentName()));
        }
        events.deleting(h, v);
        DeleteFilesJob payload = new DeleteFilesJob(v.uuid(), keys);
        store.delete(h, v.id());
        jobs.enqueue(h, VideoJobs.DELETE_FILES, payload);
    }

    /** Records that a video's thumbnail (and preview) are stored. */
    public void thumbnailStored(long videoId) {
        store.setThumbnail(videoId);
    }

    /**
     * Where a remote video plays from (its origin's playlists); empty for our own. A copy read from its
     * origin more than a day ago is refreshed in the background, as PeerTube does for videos it shows.
     */
    public Optional<RemotePlayback> remotePlayback(Video v) {
        if (v.isLocal()) return Optional.empty();
        Optional<RemotePlayback> r = store.remotePlayback(v.id());
        long now = clock.millis();
        long staleBefore = now - REMOTE_REFRESH_AFTER.toMillis();
        if (r.isPresent() && r.get().fetchedAt() < staleBefore) {
            transactions.useTransaction(h -> {
                if (store.claimRefresh(h, v.id(), staleBefore, now)) events.remoteStale(h, v.id());
            });
        }
        return r;
    }

    public Page<Video> list(VideoQuery q) {
        return store.page(q);
    }

    public List<VideoFile> files(Video v) {
        return store.files(v.id());
    }

    public java.util.Map<Long, List<VideoFile>> files(List<Video> videos) {
        return store.files(videos.stream().map(Video::id).toList());
    }

    public long usedQuota(User user, boolean daily) {
        return store.usedQuota(user.accountId(), daily ? clock.millis() - Duration.ofDays(1).toMillis() : 0);
    }

    public java.util.Map<Video, Integer> swarmSources() {
        return store.swarmSources();
    }

    public long countLocal() {
        return store.countLocal();
    }

    /** Views of our own videos, all together. */
    public long localViews() {
        return store.sumLocalViews();
    }
}
