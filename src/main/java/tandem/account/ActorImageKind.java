package tandem.account;

import tandem.media.ImageCropper.Size;
import tandem.storage.BlobKeys;

import java.util.List;

/**
 * An avatar or a banner, with what PeerTube 6.3 fixes for each: the sizes it stores (ACTOR_IMAGES_SIZE),
 * the multipart field it is uploaded in and the URL folder it is served from.
 */
public enum ActorImageKind {
    AVATAR("avatar", "avatarfile", "/lazy-static/avatars/",
            List.of(new Size(1500, 1500), new Size(600, 600), new Size(120, 120), new Size(48, 48))),
    BANNER("banner", "bannerfile", "/lazy-static/banners/", List.of(new Size(1920, 317), new Size(600, 100)));

    /** The name stored in `actor_images.kind`. */
    public final String id;
    /** The multipart field PeerTube's `pick` routes read. */
    public final String field;
    /** The URL folder, ending in `/`. */
    public final String folder;
    /** Every size made of an upload, largest first. */
    public final List<Size> sizes;

    ActorImageKind(String id, String field, String folder, List<Size> sizes) {
        this.id = id;
        this.field = field;
        this.folder = folder;
        this.sizes = sizes;
    }

    /** Where a file of this kind is kept in the BlobStore. */
    public String blobKey(String fileName) {
        return this == AVATAR ? BlobKeys.avatar(fileName) : BlobKeys.banner(fileName);
    }

    public static ActorImageKind byId(String id) {
        for (ActorImageKind k : values()) if (k.id.equals(id)) return k;
        throw new IllegalArgumentException("unknown actor image kind " + id);
    }
}
