package tandem.federation.actor;

/**
 * An ActivityPub actor as we store it: one of ours (with its private key) or a remote one as last
 * fetched. `accountId`/`channelId` link it to the account or channel row it stands for.
 */
public record Actor(long id, String url, String type, String username, String host, boolean local,
                    Long accountId, Long channelId, String inbox, String sharedInbox, String outbox, String followers,
                    String publicKeyPem, String privateKeyPem, long fetchedAt) {

    /** Where deliveries go: the shared inbox when the actor has one. */
    public String deliveryInbox() {
        return sharedInbox != null ? sharedInbox : inbox;
    }

    /** `name@host`, as admins and WebFinger write actors. */
    public String handle() {
        return username + "@" + host;
    }

    public boolean isInstance() {
        return "Application".equals(type);
    }
}
