package tandem.app;

import tandem.account.ActorImageFiles;
import tandem.account.ActorImageRemoval;
import tandem.account.ActorImageStore;

import tandem.account.AccountMails;
import tandem.account.AccountService;
import tandem.account.AccountStore;
import tandem.account.EmailVerifications;
import tandem.account.LoginThrottle;
import tandem.account.OAuthService;
import tandem.account.OAuthStore;
import tandem.account.PasswordHasher;
import tandem.account.PasswordResets;
import tandem.account.RegistrationStore;
import tandem.account.Registrations;
import tandem.account.SignupRules;
import tandem.account.UserAdministration;
import tandem.account.UserDefaults;
import tandem.core.Config;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettingsService;
import tandem.job.JobQueue;
import tandem.mail.MailSender;

import java.util.Optional;

/** The accounts half of the composition root: users, their sessions, sign-up, password resets, address verification and the administrator made at first start. */
record Accounts(AccountStore store, PasswordHasher hasher, AccountService accounts, OAuthService oauth, UserAdministration admin,
                Registrations registrations, PasswordResets resets, EmailVerifications verifications, MailSender mail, Optional<String> createdAdminPassword,
                ActorImageStore imageStore, ActorImageFiles imageFiles, ActorImageRemoval imageRemoval) {

    static Accounts wire(Config config, Platform p, InstanceSettingsService settings) {
        AccountStore store = new AccountStore(p.db().jdbi());
        PasswordHasher hasher = new PasswordHasher(10);
        AccountService accounts = new AccountService(p.db().transactions(), store, hasher, p.clock(), () -> defaults(settings.current()));
        LoginThrottle throttle = new LoginThrottle(config.loginAttemptsPerWindow(), config.loginAccountAttemptsPerWindow(),
                config.loginWindow(), p.clock());
        OAuthService oauth = new OAuthService(p.db().transactions(), new OAuthStore(p.db().jdbi()), accounts, throttle, p.clock(),
                () -> settings.current().signup().requiresEmailVerification());
        ActorImageStore imageStore = new ActorImageStore(p.db().jdbi());
        ActorImageFiles imageFiles = new ActorImageFiles(p.blobs(), p.tmp().resolve("actor-images"));
        ActorImageRemoval imageRemoval = new ActorImageRemoval(imageStore, imageFiles);
        UserAdministration admin = new UserAdministration(p.db().transactions(), store, hasher, oauth, imageRemoval);
        AccountMails mails = new AccountMails(p.jobs(), config.publicUrl().toString(), () -> settings.current().name(),
                () -> settings.current().contactEmail());
        RegistrationStore registrationStore = new RegistrationStore(p.db().jdbi());
        EmailVerifications verifications = new EmailVerifications(p.db().transactions(), store, registrationStore, mails, p.clock());
        Registrations registrations = new Registrations(p.db().transactions(), registrationStore, accounts, hasher, mails, verifications,
                () -> signup(settings.current().signup()), p.clock());
        PasswordResets resets = new PasswordResets(p.db().transactions(), registrationStore, accounts, store, hasher, oauth, mails, p.clock());
        oauth.localClient();
        Optional<String> createdAdminPassword = accounts.ensureAdmin(config.adminPassword());
        return new Accounts(store, hasher, accounts, oauth, admin, registrations, resets, verifications, new MailSender(config.smtp()), createdAdminPassword,
                imageStore, imageFiles, imageRemoval);
    }

    /** The mail job: sends, and a failure retries it later. */
    void registerJobs(JobQueue jobs) {
        jobs.register(AccountMails.SEND, (job, m) -> mail.send(m));
    }

    /** New users' quotas and P2P default from the administrator's settings (P2P "ask": not decided). */
    private static UserDefaults defaults(InstanceSettings s) {
        Boolean p2p = switch (s.p2p().users()) {
            case ON -> true;
            case OFF -> false;
            case ASK -> null;
        };
        return new UserDefaults(s.defaultVideoQuota(), s.defaultVideoQuotaDaily(), p2p);
    }

    private static SignupRules signup(InstanceSettings.Signup s) {
        SignupRules.Mode mode = switch (s.policy()) {
            case CLOSED -> SignupRules.Mode.CLOSED;
            case OPEN -> SignupRules.Mode.OPEN;
            case APPROVAL -> SignupRules.Mode.APPROVAL;
        };
        return new SignupRules(mode, s.limit(), s.minimumAge(), s.requiresEmailVerification());
    }
}
