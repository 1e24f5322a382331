package tandem.account;

import org.jdbi.v3.core.Handle;

/**
 * What other capabilities (federation) must hear about accounts and channels, told inside the
 * transaction that made the change. `app` wires the implementation; `account` never knows who listens.
 */
public interface AccountEvents {
    /** A local channel's public profile (display name, description, support) changed. */
    void channelUpdated(Handle h, long channelId);

    /** A local account's public profile (display name, description) changed. */
    void accountUpdated(Handle h, long accountId);

    /**
     * A local channel is about to be deleted, its row still there: its followers on other instances
     * must hear that the actor is gone (PeerTube's Delete of the Group).
     */
    void channelDeleting(Handle h, long channelId);

    /** Listens to nothing: tests and tools that run without federation. */
    AccountEvents NONE = new AccountEvents() {
        @Override public void channelUpdated(Handle h, long channelId) { }
        @Override public void accountUpdated(Handle h, long accountId) { }
        @Override public void channelDeleting(Handle h, long channelId) { }
    };
}
