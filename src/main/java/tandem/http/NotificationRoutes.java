package tandem.http;

import tandem.account.ActorImageKind;
import tandem.account.ImageOwner;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.core.ShortUuid;
import tandem.video.Notification;
import tandem.video.Notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** `/api/v1/users/me/notifications…` and the notification settings, in PeerTube's shapes. */
public final class NotificationRoutes implements HttpService {
    private final ActorToDto actors;
    private final Notifications notifications;
    private final Urls urls;
    private final JsonIo json;
    private final Auth auth;

    public NotificationRoutes(Notifications notifications, Urls urls, ActorToDto actors, JsonIo json, Auth auth) {
        this.actors = actors;
        this.notifications = notifications;
        this.urls = urls;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me/notifications", this::list)
             .post("/users/me/notifications/read", this::read)
             .post("/users/me/notifications/read-all", (req, res) -> {
                 notifications.markAllRead(auth.require(req));
                 res.status(204).send();
             })
             .get("/users/me/notification-settings", (req, res) -> json.ok(res, notifications.settings(auth.require(req))))
             .put("/users/me/notification-settings", (req, res) -> {
                 User u = auth.require(req);
                 notifications.updateSettings(u, json.readObject(req));
                 res.status(204).send();
             });
    }

    private void list(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt", Set.of("createdAt"));
        Page<Notification> page = notifications.list(u, Boolean.TRUE.equals(Params.bool(req, "unread")), p.start(), p.count());
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(this::dto).toList()));
    }

    private void read(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Object ids = json.readObject(req).get("ids");
        if (!(ids instanceof List<?> list) || list.isEmpty()) throw Problem.invalidParam("ids", "Should have an array of notification ids");
        List<Long> clean = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n) || n.longValue() != n.doubleValue()) throw Problem.invalidParam("ids", "Should have an array of notification ids");
            clean.add(n.longValue());
        }
        notifications.markRead(u, clean);
        res.status(204).send();
    }

    private Map<String, Object> dto(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("type", n.type());
        m.put("read", n.read());
        Map<String, Object> video = n.video() == null ? null : video(n.video());
        if (n.comment() == null) {
            m.put("video", video);
        } else {
            Notification.CommentRef c = n.comment();
            Map<String, Object> comment = new LinkedHashMap<>();
            comment.put("id", c.id());
            comment.put("threadId", c.threadId());
            comment.put("account", actor(ImageOwner.account(c.accountId()), c.accountId(), c.accountName(), c.accountDisplayName(), c.accountHost()));
            comment.put("video", video);
            m.put("comment", comment);
        }
        if (n.abuseId() != null) m.put("abuse", Map.of("id", n.abuseId()));
        m.put("createdAt", Instant.ofEpochMilli(n.createdAt()).toString());
        m.put("updatedAt", Instant.ofEpochMilli(n.createdAt()).toString());
        return m;
    }

    private Map<String, Object> video(Notification.VideoRef v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("uuid", v.uuid());
        m.put("shortUUID", ShortUuid.encode(UUID.fromString(v.uuid())));
        m.put("name", v.name());
        m.put("channel", actor(ImageOwner.channel(v.channelId()), v.channelId(), v.channelName(), v.channelDisplayName(), v.channelHost()));
        return m;
    }

    private Map<String, Object> actor(ImageOwner owner, long id, String name, String displayName, String host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("displayName", displayName);
        m.put("host", host == null ? urls.host() : host);
        m.put("avatars", actors.images(owner, ActorImageKind.AVATAR));
        return m;
    }
}
