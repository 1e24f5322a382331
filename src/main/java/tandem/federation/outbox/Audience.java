package tandem.federation.outbox;

import org.jdbi.v3.core.Handle;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.video.Video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.LocalActors;

/**
 * Who hears about a video: the inboxes of everyone following the instance, the video's account or
 * its channel (shared inboxes, de-duplicated), and for a remote video its origin.
 */
public final class Audience {
    private final ActorStore actors;
    private final LocalActors local;
    private final AccountService accounts;

    public Audience(ActorStore actors, LocalActors local, AccountService accounts) {
        this.actors = actors;
        this.local = local;
        this.accounts = accounts;
    }

    /**
     * The local actors involved in one of our videos (instance, owner account, channel) that exist:
     * an actor never fetched by anyone has no followers, and we do not make keys for it.
     */
    public List<Actor> involved(Channel channel) {
        List<Actor> out = new ArrayList<>();
        actors.byUrl(local.instanceUrl()).ifPresent(out::add);
        actors.byAccount(channel.account().id()).ifPresent(out::add);
        actors.byChannel(channel.id()).ifPresent(out::add);
        return out;
    }

    /** The local actors involved in an account's videos: the instance, the account and each of its channels, that exist. */
    public List<Actor> involvedWith(Account a) {
        List<Actor> out = new ArrayList<>();
        actors.byUrl(local.instanceUrl()).ifPresent(out::add);
        actors.byAccount(a.id()).ifPresent(out::add);
        for (Channel c : accounts.channelsOf(a.id())) actors.byChannel(c.id()).ifPresent(out::add);
        return out;
    }

    public List<String> followersOf(Handle h, List<Actor> involved) {
        return actors.followerInboxes(h, involved.stream().map(Actor::id).toList());
    }

    /**
     * Who hears of a change to our instance actor: its followers, and the instances it follows, which
     * read its pledge to plan the pool with us (an Update of an actor they know costs them nothing).
     */
    public List<String> forInstance(Handle h, Actor instance) {
        List<String> inboxes = new ArrayList<>(followersOf(h, List.of(instance)));
        for (String inbox : actors.followingInboxes(h, instance.id())) if (!inboxes.contains(inbox)) inboxes.add(inbox);
        return inboxes;
    }

    /** Followers of the instance and of a local account (for activities by that account on remote videos). */
    public List<String> followersOfAccount(Handle h, Account a) {
        List<Actor> involved = new ArrayList<>();
        actors.byUrl(local.instanceUrl()).ifPresent(involved::add);
        actors.byAccount(a.id()).ifPresent(involved::add);
        return followersOf(h, involved);
    }

    /** The inbox of the account that owns a remote video: where rates, views and comments go. */
    public Optional<String> originInbox(Video remoteVideo) {
        Optional<Actor> owner = actors.byAccount(remoteVideo.channel().account().id());
        if (owner.isEmpty()) owner = actors.byChannel(remoteVideo.channel().id());
        return owner.map(Actor::deliveryInbox);
    }

    /** Followers of a video's actors plus, for a remote video, its origin. */
    public List<String> forVideo(Handle h, Video v) {
        List<String> inboxes = new ArrayList<>();
        if (v.isLocal()) {
            inboxes.addAll(followersOf(h, involved(v.channel())));
        } else {
            originInbox(v).ifPresent(inboxes::add);
            actors.byUrl(local.instanceUrl()).ifPresent(i -> inboxes.addAll(followersOf(h, List.of(i))));
        }
        return inboxes;
    }

    public Optional<Account> account(long id) {
        return accounts.account(id);
    }

    public Optional<Channel> channel(long id) {
        return accounts.channel(id);
    }
}
