package tandem.account;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What admins and moderators do to other users: edit quotas, role and email, block, delete.
 * Admins manage everyone; moderators manage plain users only and cannot raise anyone's role.
 * Nobody blocks, deletes or demotes the `root` admin, and nobody blocks or deletes themselves here.
 */
public final class UserAdministration {
    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
    static final String ROOT = "root";

    /** What other capabilities undo in the deleting transaction, before the user's rows cascade away. */
    @FunctionalInterface
    public interface Cleanup {
        void beforeDelete(Handle h, User user);
    }

    private final Transactions transactions;
    private final AccountStore store;
    private final PasswordHasher hasher;
    private final OAuthService oauth;
    private final ActorImageRemoval images;

    public UserAdministration(Transactions transactions, AccountStore store, PasswordHasher hasher, OAuthService oauth, ActorImageRemoval images) {
        this.images = images;
        this.transactions = transactions;
        this.store = store;
        this.hasher = hasher;
        this.oauth = oauth;
    }

    /** The user `actor` may manage: 404 when unknown, 403 when a moderator reaches for a moderator or an admin. */
    public User manageable(User actor, long id) {
        if (!actor.role().canManageVideos()) throw Problem.forbidden("User has not the right to do this");
        User target = store.userById(id).orElseThrow(() -> Problem.notFound("User not found"));
        if (actor.role() != Role.ADMIN && target.role() != Role.USER) {
            throw Problem.forbidden("Moderators can only manage users, not moderators or administrators.");
        }
        return target;
    }

    public void update(User actor, long id, UserUpdate u) {
        User target = manageable(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        if (u.email() != null && !UserRules.validEmail(u.email())) errors.put("email", UserRules.EMAIL_MESSAGE);
        if (u.password() != null && !UserRules.validPassword(u.password())) errors.put("password", UserRules.PASSWORD_MESSAGE);
        if (!UserRules.validQuota(u.videoQuota())) errors.put("videoQuota", "Should have a valid video quota");
        if (!UserRules.validQuota(u.videoQuotaDaily())) errors.put("videoQuotaDaily", "Should have a valid daily video quota");
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        if (u.role() != null && u.role() != target.role()) {
            if (target.username().equals(ROOT)) throw Problem.badRequest("Cannot change root role.");
            if (actor.role() != Role.ADMIN) throw Problem.forbidden("Moderators cannot give a role other than user.");
        }
        String hash = u.password() == null ? null : hasher.hash(u.password());
        transactions.useTransaction(h -> {
            if (u.email() != null && store.emailTaken(h, u.email(), target.id())) throw Problem.conflict("User with this email already exists.");
            store.updateUser(h, target.id(), u, hash);
            // A new password ends the sessions opened with the old one.
            if (hash != null) oauth.revokeAll(h, target.id());
        });
        log.info("user {} updated by {}", target.username(), actor.username());
    }

    /** Blocks a user: logins are refused and every open session ends now. */
    public void block(User actor, long id, String reason) {
        User target = manageable(actor, id);
        if (target.username().equals(ROOT)) throw Problem.badRequest("Cannot block the root user");
        if (target.id() == actor.id()) throw Problem.badRequest("You cannot block yourself");
        if (!UserRules.validBlockReason(reason)) throw Problem.invalidParam("reason", UserRules.BLOCK_REASON_MESSAGE);
        transactions.useTransaction(h -> {
            store.setBlocked(h, target.id(), true, reason);
            oauth.revokeAll(h, target.id());
        });
        log.info("user {} blocked by {}", target.username(), actor.username());
    }

    public void unblock(User actor, long id) {
        User target = manageable(actor, id);
        transactions.useTransaction(h -> store.setBlocked(h, target.id(), false, null));
        log.info("user {} unblocked by {}", target.username(), actor.username());
    }

    /** Deletes a user and, through `cleanup` and the schema's cascades, everything the user owned. */
    public void delete(User actor, long id, Cleanup cleanup) {
        User target = manageable(actor, id);
        if (target.username().equals(ROOT)) throw Problem.badRequest("Cannot remove the root user");
        if (target.id() == actor.id()) throw Problem.badRequest("You cannot remove yourself");
        List<ImageOwner> pictured = new ArrayList<>();
        pictured.add(ImageOwner.account(target.accountId()));
        store.channelsOfAccount(target.accountId()).forEach(c -> pictured.add(ImageOwner.channel(c.id())));
        Runnable removeFiles = transactions.inTransaction(h -> {
            cleanup.beforeDelete(h, target);
            Runnable pictures = images.forget(h, pictured);
            store.deleteUser(h, target.id());
            return pictures;
        });
        removeFiles.run();
        log.info("user {} deleted by {}", target.username(), actor.username());
    }
}
