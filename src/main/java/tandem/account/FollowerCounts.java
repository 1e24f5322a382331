package tandem.account;

/** How many follow a channel or an account: our users' subscriptions plus actors of other instances. */
public interface FollowerCounts {
    long of(Channel channel);

    long of(Account account);
}
