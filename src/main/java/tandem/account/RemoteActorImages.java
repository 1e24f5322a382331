package tandem.account;

import org.jdbi.v3.core.Handle;
import tandem.media.ImageFormat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Remote actors' avatars and banners as their documents describe them (`icon`, `image`): the address and
 * size of each, under a local file name that our `/lazy-static/` serves once fetched. Nothing is downloaded
 * here; an actor whose pictures did not change keeps its rows (and our cached copies).
 */
public final class RemoteActorImages {
    /** One picture of a remote actor. */
    public record Remote(String url, ImageFormat format, int width, int height) {}

    private final ActorImageStore store;
    private final ActorImageFiles files;

    public RemoteActorImages(ActorImageStore store, ActorImageFiles files) {
        this.store = store;
        this.files = files;
    }

    /** Replaces an owner's images of one kind with these, in the caller's transaction, unless they are the same. */
    public void update(Handle h, ImageOwner owner, ActorImageKind kind, List<Remote> images, long now) {
        List<ActorImage> current = store.of(h, owner, kind);
        Set<String> had = current.stream().map(i -> i.fileUrl() + " " + i.width() + "x" + i.height()).collect(Collectors.toSet());
        Set<String> has = images.stream().map(i -> i.url() + " " + i.width() + "x" + i.height()).collect(Collectors.toSet());
        if (had.equals(has) && current.size() == images.size()) return;
        store.deleteAll(h, owner, kind);
        for (Remote r : images) {
            store.insert(h, owner, kind, UUID.randomUUID() + "." + r.format().extension, r.width(), r.height(), r.url(), now);
        }
        // Cached copies of the old pictures are only copies: losing them to a rollback costs one refetch.
        current.forEach(i -> files.deleteQuietly(kind, i.fileName()));
    }
}
