package tandem.video;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.User;
import tandem.core.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PeerTube's resumable upload protocol: init, chunks at exact offsets, resume after re-init,
 * cancel, purge of abandoned sessions. Bytes land in a temp file; the session row is the truth.
 * Sessions hold disk until they end, so a user has a few at once, their declared sizes count
 * against the quota together, and a refused or failed session loses its file at once.
 */
public final class ResumableUploads {
    private static final Logger log = LoggerFactory.getLogger(ResumableUploads.class);
    private static final Pattern RANGE = Pattern.compile("^bytes (\\d+)-(\\d+)/(\\d+)$");
    private static final Pattern STATUS_QUERY = Pattern.compile("^bytes \\*/(\\d+)$");

    private final UploadStore store;
    private final VideoService videos;
    private final Path tmpDir;
    private final Clock clock;
    private final ObjectMapper json;
    private final Duration abandonAfter;
    private final int maxPendingPerUser;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** One init at a time per user: two at once could both take the last place, or the last of the quota. */
    private final Map<Long, ReentrantLock> initLocks = new ConcurrentHashMap<>();

    public ResumableUploads(UploadStore store, VideoService videos, Path tmpDir, Clock clock, ObjectMapper json, Duration abandonAfter,
                            int maxPendingPerUser) throws IOException {
        this.store = store;
        this.videos = videos;
        this.tmpDir = Files.createDirectories(tmpDir);
        this.clock = clock;
        this.json = json;
        this.abandonAfter = abandonAfter;
        this.maxPendingPerUser = maxPendingPerUser;
    }

    /** Result of init: the session, and whether it already existed (resume) or was created. */
    public record Init(UploadSession session, boolean resumed) {}

    public Init init(User user, Map<String, Object> body, long size, String mimeType) {
        VideoMetadata m = VideoMetadata.parse(Fields.fromJson(body), true);
        ScheduledUpdate.parse(Fields.fromJson(body), clock.millis());
        Object fileName = body.get("filename");
        if (!(fileName instanceof String name) || name.isBlank()) throw Problem.invalidParam("filename", "Should have a valid filename");
        if (size <= 0) throw Problem.invalidParam("X-Upload-Content-Length", "Should have a positive X-Upload-Content-Length header");
        if (!UploadFormats.accepted(name)) {
            throw new Problem(415, null, "This file is not supported. Please, make sure it is of the following type: " + String.join(", ", UploadFormats.EXTENSIONS.stream().sorted().toList()));
        }
        String id = sessionId(user.id(), name, size, body.get("lastModified"));
        ReentrantLock lock = initLocks.computeIfAbsent(user.id(), k -> new ReentrantLock());
        lock.lock();
        try {
            return init(user, m, body, id, name, size, mimeType);
        } finally {
            lock.unlock();
        }
    }

    private Init init(User user, VideoMetadata m, Map<String, Object> body, String id, String name, long size, String mimeType) {
        UploadStore.Pending others = store.pending(user.id(), id);
        Optional<UploadSession> existing = find(id).filter(s -> s.userId() == user.id() && s.videoId() == null);
        try {
            videos.checkUploadAllowed(user, m, size, others.bytes());
        } catch (Problem refused) {
            // The session this init would resume is refused with it: its file goes now, not at the purge.
            if (existing.isPresent()) discard(id, refused);
            throw refused;
        }
        if (existing.isPresent()) return new Init(existing.get(), existing.get().received() > 0);
        if (others.sessions() >= maxPendingPerUser) {
            // 429, not 413 or 403: the limit is on uploads at once and frees itself as they end.
            throw new Problem(429, null, "You have " + others.sessions() + " uploads in progress and may have at most "
                    + maxPendingPerUser + " at once: finish or cancel one before starting another.");
        }
        String metadata;
        try {
            metadata = json.writeValueAsString(body);
            Files.deleteIfExists(fileOf(id));
            Files.createFile(fileOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            store.replace(id, user.id(), metadata, name, mimeType == null ? "" : mimeType, size, clock.millis());
        } catch (RuntimeException e) {
            discard(id, e);
            throw e;
        }
        return new Init(find(id).orElseThrow(), false);
    }

    /** Deterministic so that a client re-initialising the same file resumes it (PeerTube does the same). */
    static String sessionId(long userId, String fileName, long size, Object lastModified) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((userId + "\n" + fileName + "\n" + size + "\n" + lastModified).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends one chunk. Replayed bytes are skipped, gaps refused; a connection dropped mid-chunk
     * keeps what arrived, and the client resumes from the Range we report.
     */
    public ChunkResult chunk(User user, String id, String contentRange, long contentLength, InputStream body) throws IOException {
        UploadSession s = owned(user, id);
        if (contentRange == null) throw Problem.badRequest("Missing Content-Range header");
        Matcher status = STATUS_QUERY.matcher(contentRange.trim());
        if (status.matches()) return new ChunkResult(s.received(), s.videoId() == null ? null : videos.find(String.valueOf(s.videoId())).orElse(null));
        Matcher r = RANGE.matcher(contentRange.trim());
        if (!r.matches()) throw Problem.badRequest("Malformed Content-Range header: expected 'bytes <start>-<end>/<total>'");
        long start = Long.parseLong(r.group(1));
        long end = Long.parseLong(r.group(2));
        long total = Long.parseLong(r.group(3));
        if (total != s.size()) throw Problem.conflict("Content-Range total " + total + " differs from the declared size " + s.size());
        if (end < start || end >= total) throw Problem.badRequest("Content-Range " + start + "-" + end + " is outside the file");
        if (contentLength >= 0 && contentLength != end - start + 1) throw Problem.badRequest("Content-Length " + contentLength + " does not match Content-Range " + start + "-" + end);
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        if (!lock.tryLock()) throw new Problem(429, null, "Another chunk of this upload is being received");
        try {
            s = owned(user, id);
            if (s.videoId() != null) {
                Video v = videos.find(String.valueOf(s.videoId())).orElseThrow(() -> Problem.notFound("Upload not found"));
                return new ChunkResult(s.size(), v);
            }
            if (start > s.received()) throw Problem.conflict("Chunk starts at byte " + start + " but only " + s.received() + " bytes were received");
            long received = append(s, start, end, body);
            if (received < s.size()) return new ChunkResult(received, null);
            return new ChunkResult(received, finish(user, s));
        } finally {
            lock.unlock();
        }
    }

    private long append(UploadSession s, long start, long end, InputStream body) throws IOException {
        long skip = s.received() - start;
        body.skipNBytes(Math.min(skip, end - start + 1));
        long received = s.received();
        try (FileChannel ch = FileChannel.open(fileOf(s.id()), StandardOpenOption.WRITE)) {
            ch.position(received);
            ch.truncate(received);
            byte[] buf = new byte[64 * 1024];
            long remaining = end + 1 - received;
            try {
                while (remaining > 0) {
                    int n = body.read(buf, 0, (int) Math.min(buf.length, remaining));
                    if (n < 0) break;
                    ch.write(ByteBuffer.wrap(buf, 0, n));
                    received += n;
                    remaining -= n;
                }
            } finally {
                store.setReceived(s.id(), received, clock.millis());
            }
        }
        return received;
    }

    /**
     * Turns the complete file into a video. Refused (the quota shrank meanwhile, the channel went) or
     * failed, the session and its file go at once: every byte arrived, there is nothing to resume.
     */
    private Video finish(User user, UploadSession s) throws IOException {
        try {
            Map<String, Object> body = json.readValue(s.metadataJson(), new TypeReference<>() {});
            Fields fields = Fields.fromJson(body);
            VideoMetadata m = VideoMetadata.parse(fields, true);
            // Checked at init; a time that passed while the bytes came publishes at once.
            Video v = videos.createFromUpload(user, m, fileOf(s.id()), s.fileName(), ScheduledUpdate.parse(fields, Long.MIN_VALUE));
            store.setVideo(s.id(), v.id(), clock.millis());
            return v;
        } catch (IOException | RuntimeException e) {
            discard(s.id(), e);
            throw e;
        }
    }

    public void cancel(User user, String id) throws IOException {
        UploadSession s = owned(user, id);
        delete(s.id());
    }

    /** Removes sessions idle for longer than the abandon delay; returns how many. */
    public int purgeAbandoned() throws IOException {
        long before = clock.millis() - abandonAfter.toMillis();
        var ids = store.idleSince(before);
        for (String id : ids) delete(id);
        if (!ids.isEmpty()) log.info("purged {} abandoned upload(s)", ids.size());
        return ids.size() + purgeOrphanFiles(before);
    }

    /**
     * Removes partial files whose session row is gone (its user was deleted, or a crash came
     * between the file and the row). Only old ones: a brand-new file may still be waiting for its row.
     */
    private int purgeOrphanFiles(long before) throws IOException {
        int purged = 0;
        try (var files = Files.list(tmpDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                String id = f.getFileName().toString().replace(".part", "");
                if (Files.getLastModifiedTime(f).toMillis() < before && find(id).isEmpty() && Files.deleteIfExists(f)) purged++;
            }
        }
        if (purged > 0) log.info("purged {} upload file(s) without a session", purged);
        return purged;
    }

    private void delete(String id) throws IOException {
        Files.deleteIfExists(fileOf(id));
        store.delete(id);
        locks.remove(id);
    }

    /** Deletes a session on the way out of a refusal or failure, which stays the error reported. */
    private void discard(String id, Exception cause) {
        try {
            delete(id);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private UploadSession owned(User user, String id) {
        if (id == null || !id.matches("^[0-9a-f]{32}$")) throw Problem.notFound("Upload not found");
        UploadSession s = find(id).orElseThrow(() -> Problem.notFound("Upload not found"));
        if (s.userId() != user.id()) throw Problem.forbidden("This upload belongs to another user");
        return s;
    }

    public Optional<UploadSession> find(String id) {
        return store.find(id);
    }

    private Path fileOf(String id) {
        return tmpDir.resolve(id + ".part");
    }
}
