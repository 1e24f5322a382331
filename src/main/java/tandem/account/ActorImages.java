package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.media.ImageCropper;
import tandem.media.ImageFormat;
import tandem.media.MediaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Avatars and banners that users give their account and channels (PeerTube's `avatar/pick` and
 * `banner/pick`): the upload is checked (size, real format), cut to every size PeerTube makes with
 * ffmpeg, stored under new file names (caches may keep a URL for good), then the rows swap in one
 * transaction that also tells followers (an Update of the actor); the old files go afterwards. A picture
 * that cannot be read changes nothing.
 */
public final class ActorImages {
    private static final Logger log = LoggerFactory.getLogger(ActorImages.class);
    /** PeerTube's CONSTRAINTS_FIELDS.ACTORS.IMAGE.FILE_SIZE. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Transactions transactions;
    private final ActorImageStore store;
    private final ActorImageFiles files;
    private final Supplier<ImageCropper> cropper;
    private final AccountEvents events;
    private final Path workRoot;
    private final Clock clock;

    public ActorImages(Transactions transactions, ActorImageStore store, ActorImageFiles files, Supplier<ImageCropper> cropper,
                       AccountEvents events, Path workRoot, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.files = files;
        this.cropper = cropper;
        this.events = events;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /** An owner's images of one kind, largest first (none when it has none). */
    public List<ActorImage> of(ImageOwner owner, ActorImageKind kind) {
        return store.of(owner, kind);
    }

    /** The user's account's new avatar, from an uploaded file (`size` bytes). */
    public List<ActorImage> pickAccountAvatar(User user, Path upload, long size) {
        return pick(user, ImageOwner.account(user.accountId()), ActorImageKind.AVATAR, upload, size);
    }

    /** A channel's new avatar or banner: only its owner's (or an administrator's), and only one of ours. */
    public List<ActorImage> pickChannelImage(User user, Channel channel, ActorImageKind kind, Path upload, long size) {
        checkManages(user, channel);
        return pick(user, ImageOwner.channel(channel.id()), kind, upload, size);
    }

    /** Removes the user's account's avatar; nothing to remove is no error. */
    public void deleteAccountAvatar(User user) {
        delete(ImageOwner.account(user.accountId()), ActorImageKind.AVATAR);
    }

    public void deleteChannelImage(User user, Channel channel, ActorImageKind kind) {
        checkManages(user, channel);
        delete(ImageOwner.channel(channel.id()), kind);
    }

    private static void checkManages(User user, Channel channel) {
        if (channel.host() != null) throw Problem.forbidden("Cannot manage a channel of another instance");
        if (channel.account().id() != user.accountId() && user.role() != Role.ADMIN) {
            throw Problem.forbidden("Cannot manage video channel of another user");
        }
    }

    private List<ActorImage> pick(User user, ImageOwner owner, ActorImageKind kind, Path upload, long size) {
        ImageFormat format = check(kind.field, upload, size);
        Path dir = workRoot.resolve("actor-image-" + UUID.randomUUID());
        List<String> created = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            List<Path> outputs = new ArrayList<>();
            for (int i = 0; i < kind.sizes.size(); i++) outputs.add(dir.resolve(i + "." + format.extension));
            cropper.get().crop(upload, format, kind.sizes, outputs);
            for (Path out : outputs) {
                String name = UUID.randomUUID() + "." + format.extension;
                files.put(kind, name, out);
                created.add(name);
            }
        } catch (MediaException e) {
            throw Problem.invalidParam(kind.field, e.getMessage() + ": use a PNG, JPEG, GIF or WebP image");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            created.forEach(name -> files.deleteQuietly(kind, name));
            throw new IllegalStateException("storing a new " + kind.id + " of " + owner, e);
        } finally {
            deleteTree(dir);
        }
        List<ActorImage> old;
        try {
            old = transactions.inTransaction(h -> {
                List<ActorImage> previous = store.deleteAll(h, owner, kind);
                long now = clock.millis();
                for (int i = 0; i < created.size(); i++) {
                    store.insert(h, owner, kind, created.get(i), kind.sizes.get(i).width(), kind.sizes.get(i).height(), null, now);
                }
                changed(h, owner);
                return previous;
            });
        } catch (RuntimeException e) {
            created.forEach(name -> files.deleteQuietly(kind, name));
            throw e;
        }
        old.forEach(i -> files.deleteQuietly(kind, i.fileName()));
        log.info("user {} set a new {} for {}", user.username(), kind.id, owner);
        return store.of(owner, kind);
    }

    private void delete(ImageOwner owner, ActorImageKind kind) {
        List<ActorImage> old = transactions.inTransaction(h -> {
            List<ActorImage> previous = store.deleteAll(h, owner, kind);
            if (!previous.isEmpty()) changed(h, owner);
            return previous;
        });
        old.forEach(i -> files.deleteQuietly(kind, i.fileName()));
    }

    /** Followers on other instances learn of it by an Update of the actor, as for any profile change. */
    private void changed(org.jdbi.v3.core.Handle h, ImageOwner owner) {
        if (owner.accountId() != null) events.accountUpdated(h, owner.accountId());
        else events.channelUpdated(h, owner.channelId());
    }

    /**
     * A 400 naming the field when the upload is empty, over PeerTube's 4 MB, or not a PNG, JPEG, GIF or WebP
     * by its first bytes (its name and declared type are not trusted); the format otherwise.
     */
    static ImageFormat check(String field, Path file, long size) {
        if (size <= 0) throw Problem.invalidParam(field, "Should have a non-empty image file");
        if (size > MAX_BYTES) {
            throw new Problem(413, "max_file_size_reached", "This image is too large: " + size + " bytes, the maximum is " + MAX_BYTES + " bytes");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ImageFormat.HEAD_BYTES);
        } catch (IOException e) {
            throw Problem.invalidParam(field, "Should have a readable image file");
        }
        return ImageFormat.sniff(head).orElseThrow(() ->
                Problem.invalidParam(field, "This file is not a supported image: use a PNG, JPEG, GIF or WebP image"));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
