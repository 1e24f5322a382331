package tandem.federation;

import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.account.Follower;
import tandem.account.RemoteChannels;
import tandem.core.Page;
import tandem.core.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Finger;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteActors;
import tandem.federation.vocab.ActorHandle;

/**
 * A local user's subscription to another instance's channel is a Follow from their account's
 * actor to the channel's Group (accepted by the origin, which then sends us its new videos).
 */
public final class ChannelSubscriptions implements RemoteChannels {
    private final Finger finger;
    private final RemoteActors actors;
    private final ActorStore store;
    private final LocalActors local;
    private final AccountService accounts;
    private final Following following;

    public ChannelSubscriptions(Finger finger, RemoteActors actors, ActorStore store, LocalActors local, AccountService accounts, Following following) {
        this.finger = finger;
        this.actors = actors;
        this.store = store;
        this.local = local;
        this.accounts = accounts;
        this.following = following;
    }

    @Override
    public Channel find(String name, String host) {
        Actor a;
        try {
            ActorHandle handle = ActorHandle.parse(name + "@" + host);
            a = store.byHandle(handle).filter(x -> x.channelId() != null)
                    .orElseGet(() -> actors.resolve(finger.handle(handle.toString())));
        } catch (RuntimeException e) {
            throw Problem.notFound("Video channel " + name + "@" + host + " not found: " + e.getMessage());
        }
        if (a.channelId() == null) throw Problem.notFound(name + "@" + host + " is not a video channel");
        return accounts.channel(a.channelId()).orElseThrow(() -> Problem.notFound("Video channel " + name + "@" + host + " not found"));
    }

    @Override
    public void subscribed(Account subscriber, Channel channel) {
        following.follow(local.account(subscriber), channelActor(channel));
    }

    @Override
    public void unsubscribed(Account subscriber, Channel channel) {
        Actor me = local.account(subscriber);
        Actor target = channelActor(channel);
        if (store.follow(me.id(), target.id()).isPresent()) following.unfollow(me, target);
    }

    @Override
    public long remoteFollowers(Long accountId, Long channelId) {
        Optional<Actor> actor = channelId != null ? store.byChannel(channelId) : store.byAccount(accountId);
        return actor.map(a -> store.countRemoteFollowers(a.id())).orElse(0L);
    }

    @Override
    public Page<Follower> listRemoteFollowers(Long accountId, List<Long> channelIds, String search, boolean newestFirst, int limit) {
        List<Long> targets = new ArrayList<>();
        if (accountId != null) store.byAccount(accountId).ifPresent(a -> targets.add(a.id()));
        for (long id : channelIds) store.byChannel(id).ifPresent(a -> targets.add(a.id()));
        return store.remoteFollows(targets, search, newestFirst, limit)
                .map(f -> new Follower(f.id(), party(f.follower()), party(f.target()), f.createdAt()));
    }

    private static Follower.Party party(Actor a) {
        return a.local() ? new Follower.Party(a.username(), null, null, a.channelId() != null)
                : new Follower.Party(a.username(), a.host(), a.url(), a.channelId() != null);
    }

    private Actor channelActor(Channel c) {
        return store.byChannel(c.id()).orElseThrow(() -> Problem.notFound("Video channel " + c.name() + "@" + c.host() + " is not known here"));
    }
}
