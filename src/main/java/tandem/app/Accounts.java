package tandem.app;

import tandem.account.AccountService;
import tandem.account.AccountStore;
import tandem.account.LoginThrottle;
import tandem.account.OAuthService;
import tandem.account.OAuthStore;
import tandem.account.PasswordHasher;
import tandem.account.UserAdministration;
import tandem.core.Config;

import java.util.Optional;

/** The accounts half of the composition root: users, their sessions and the administrator made at first start. */
record Accounts(AccountStore store, PasswordHasher hasher, AccountService accounts, OAuthService oauth, UserAdministration admin,
                Optional<String> createdAdminPassword) {

    static Accounts wire(Config config, Platform p) {
        AccountStore store = new AccountStore(p.db().jdbi());
        PasswordHasher hasher = new PasswordHasher(10);
        AccountService accounts = new AccountService(p.db().transactions(), store, hasher, p.clock(),
                config.defaultVideoQuota(), config.defaultVideoQuotaDaily());
        LoginThrottle throttle = new LoginThrottle(config.loginAttemptsPerWindow(), config.loginAccountAttemptsPerWindow(),
                config.loginWindow(), p.clock());
        OAuthService oauth = new OAuthService(p.db().transactions(), new OAuthStore(p.db().jdbi()), accounts, throttle, p.clock());
        UserAdministration admin = new UserAdministration(p.db().transactions(), store, hasher, oauth);
        oauth.localClient();
        Optional<String> createdAdminPassword = accounts.ensureAdmin(config.adminPassword());
        return new Accounts(store, hasher, accounts, oauth, admin, createdAdminPassword);
    }
}
