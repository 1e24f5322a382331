package tandem.video;

import tandem.db.Rows;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
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
 */
public final class ResumableUploads {
    private static final Logger log = LoggerFactory.getLogger(ResumableUploads.class);
    private static final Pattern RANGE = Pattern.compile("^bytes (\\d+)-(\\d+)/(\\d+)$");
    private static final Pattern STATUS_QUERY = Pattern.compile("^bytes \\*/(\\d+)$");

    private final Jdbi jdbi;
    private final VideoService videos;
    private final Path tmpDir;
    private final Clock clock;
    private final ObjectMapper json;
    private final Duration abandonAfter;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ResumableUploads(Jdbi jdbi, VideoService videos, Path tmpDir, Clock clock, ObjectMapper json, Duration abandonAfter) throws IOException {
        this.jdbi = jdbi;
        this.videos = videos;
        this.tmpDir = Files.createDirectories(tmpDir);
        this.clock = clock;
        this.json = json;
        this.abandonAfter = abandonAfter;
    }

    /** Result of init: the session, and whether it already existed (resume) or was created. */
    public record Init(UploadSession session, boolean resumed) {}

    public Init init(User user, Map<String, Object> body, long size, String mimeType) {
        VideoMetadata m = VideoMetadata.parse(Fields.fromJson(body), true);
        Object fileName = body.get("filename");
        if (!(fileName instanceof String name) || name.isBlank()) throw Problem.invalidParam("filename", "Should have a valid filename");
        if (size <= 0) throw Problem.invalidParam("X-Upload-Content-Length", "Should have a positive X-Upload-Content-Length header");
        if (!UploadFormats.accepted(name)) {
            throw new Problem(415, null, "This file is not supported. Please, make sure it is of the following type: " + String.join(", ", UploadFormats.EXTENSIONS.stream().sorted().toList()));
        }
        videos.checkUploadAllowed(user, m, size);
        String id = sessionId(user.id(), name, size, body.get("lastModified"));
        Optional<UploadSession> existing = find(id);
        if (existing.isPresent() && existing.get().userId() == user.id() && existing.get().videoId() == null) {
            return new Init(existing.get(), existing.get().received() > 0);
        }
        long now = clock.millis();
        String metadata;
        try {
            metadata = json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.deleteIfExists(fileOf(id));
            Files.createFile(fileOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM upload_sessions WHERE id = :id").bind("id", id).execute();
            h.createUpdate("""
                    INSERT INTO upload_sessions (id, user_id, metadata, file_name, mime_type, size, received, created_at, updated_at)
                    VALUES (:id, :u, :m, :f, :mime, :size, 0, :now, :now)""")
                    .bind("id", id).bind("u", user.id()).bind("m", metadata).bind("f", name).bind("mime", mimeType == null ? "" : mimeType)
                    .bind("size", size).bind("now", now).execute();
        });
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
                saveReceived(s.id(), received);
            }
        }
        return received;
    }

    private Video finish(User user, UploadSession s) throws IOException {
        Map<String, Object> body = json.readValue(s.metadataJson(), new TypeReference<>() {});
        VideoMetadata m = VideoMetadata.parse(Fields.fromJson(body), true);
        Video v = videos.createFromUpload(user, m, fileOf(s.id()), s.fileName());
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_sessions SET video_id = :v, updated_at = :now WHERE id = :id")
                .bind("v", v.id()).bind("now", clock.millis()).bind("id", s.id()).execute());
        return v;
    }

    public void cancel(User user, String id) throws IOException {
        UploadSession s = owned(user, id);
        delete(s.id());
    }

    /** Removes sessions idle for longer than the abandon delay; returns how many. */
    public int purgeAbandoned() throws IOException {
        long before = clock.millis() - abandonAfter.toMillis();
        var ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM upload_sessions WHERE updated_at < :b").bind("b", before).mapTo(String.class).list());
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
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM upload_sessions WHERE id = :id").bind("id", id).execute());
        locks.remove(id);
    }

    private UploadSession owned(User user, String id) {
        if (id == null || !id.matches("^[0-9a-f]{32}$")) throw Problem.notFound("Upload not found");
        UploadSession s = find(id).orElseThrow(() -> Problem.notFound("Upload not found"));
        if (s.userId() != user.id()) throw Problem.forbidden("This upload belongs to another user");
        return s;
    }

    private void saveReceived(String id, long received) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE upload_sessions SET received = :r, updated_at = :now WHERE id = :id")
                .bind("r", received).bind("now", clock.millis()).bind("id", id).execute());
    }

    public Optional<UploadSession> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM upload_sessions WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new UploadSession(rs.getString("id"), rs.getLong("user_id"), rs.getString("metadata"),
                        rs.getString("file_name"), rs.getString("mime_type"), rs.getLong("size"), rs.getLong("received"),
                        Rows.longOrNull(rs, "video_id"), rs.getLong("created_at"), rs.getLong("updated_at")))
                .findOne());
    }

    private Path fileOf(String id) {
        return tmpDir.resolve(id + ".part");
    }
}
