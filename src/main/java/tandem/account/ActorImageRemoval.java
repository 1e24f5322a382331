package tandem.account;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of an account or channel that is being deleted: their rows go in the deleting
 * transaction (the schema's cascade would drop them too, but silently), their files once it has
 * committed, so that a rolled-back deletion keeps pictures that still show.
 */
public final class ActorImageRemoval {
    private final ActorImageStore store;
    private final ActorImageFiles files;

    public ActorImageRemoval(ActorImageStore store, ActorImageFiles files) {
        this.store = store;
        this.files = files;
    }

    /** Forgets every picture of these owners in the caller's transaction; run the task it returns after the commit. */
    public Runnable forget(Handle h, List<ImageOwner> owners) {
        Map<ActorImageKind, List<ActorImage>> gone = new EnumMap<>(ActorImageKind.class);
        for (ImageOwner owner : owners) {
            for (ActorImageKind kind : ActorImageKind.values()) gone.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(store.deleteAll(h, owner, kind));
        }
        return () -> gone.forEach((kind, images) -> images.forEach(i -> files.deleteQuietly(kind, i.fileName())));
    }
}
