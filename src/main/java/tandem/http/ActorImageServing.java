package tandem.http;

import tandem.account.ActorImage;
import tandem.account.ActorImageFiles;
import tandem.account.ActorImageKind;
import tandem.account.ActorImageStore;
import tandem.core.Problem;
import tandem.net.MediaResolver;

import java.io.IOException;
import java.util.Optional;

/**
 * `/lazy-static/avatars/<file>` and `/lazy-static/banners/<file>`: public, and cacheable for good (a new
 * picture gets a new name). A remote actor's picture is fetched from its origin on first request, as
 * PeerTube's lazy-static does, through the federation transport {@link ActorImageFiles.Source}.
 */
final class ActorImageServing {
    private final ActorImageStore store;
    private final ActorImageFiles files;
    private final ActorImageFiles.Source source;

    ActorImageServing(ActorImageStore store, ActorImageFiles files, ActorImageFiles.Source source) {
        this.store = store;
        this.files = files;
        this.source = source;
    }

    /** The file for this path, empty when the path is not one of ours; a 404 Problem when no such picture exists. */
    Optional<MediaResolver.Resolved> resolve(String path) throws IOException {
        for (ActorImageKind kind : ActorImageKind.values()) {
            if (!path.startsWith(kind.folder)) continue;
            String name = path.substring(kind.folder.length());
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) throw missing();
            ActorImage image = store.byFile(kind, name).orElseThrow(ActorImageServing::missing);
            String key = files.servable(image, source).orElseThrow(ActorImageServing::missing);
            return Optional.of(new MediaResolver.Resolved(key, true, false, null));
        }
        return Optional.empty();
    }

    private static Problem missing() {
        return Problem.notFound("File not found");
    }
}
