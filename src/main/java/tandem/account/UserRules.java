package tandem.account;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What makes an email, a password, a quota or a block reason acceptable, for creation and admin edits alike. */
final class UserRules {
    static final String EMAIL_MESSAGE = "Should have a valid email";
    static final String PASSWORD_MESSAGE = "Should have a valid password (6 to 72 bytes)";
    static final String BLOCK_REASON_MESSAGE = "Should have a valid block reason (3 to 250 characters)";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._]{1,50}$");

    private UserRules() {}

    static boolean validUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    static boolean validEmail(String email) {
        return email != null && email.length() <= 400 && EMAIL.matcher(email).matches();
    }

    /** bcrypt reads at most 72 bytes: a longer password would be silently cut, so it is refused. */
    static boolean validPassword(String password) {
        return password != null && password.length() >= 6 && password.getBytes(StandardCharsets.UTF_8).length <= 72;
    }

    /** -1 means unlimited, as in PeerTube. */
    static boolean validQuota(Long quota) {
        return quota == null || quota >= -1;
    }

    static boolean validBlockReason(String reason) {
        return reason == null || (reason.length() >= 3 && reason.length() <= 250);
    }
}
