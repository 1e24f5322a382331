package tandem.http;

import tandem.account.ActorImage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PeerTube's `ActorImage` JSON: 6.3's `width`, `path`, `createdAt`, `updatedAt`, with the `height` and
 * `fileUrl` that later versions add (the origin's address for a remote actor's picture, ours otherwise).
 */
final class ActorImageToDto {
    private ActorImageToDto() {}

    static List<Map<String, Object>> list(List<ActorImage> images, Urls urls) {
        return images.stream().map(i -> image(i, urls)).toList();
    }

    static Map<String, Object> image(ActorImage i, Urls urls) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", i.width());
        m.put("height", i.height());
        m.put("path", i.path());
        m.put("fileUrl", i.isLocal() ? urls.base() + i.path() : i.fileUrl());
        m.put("createdAt", Instant.ofEpochMilli(i.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(i.updatedAt()));
        return m;
    }
}
