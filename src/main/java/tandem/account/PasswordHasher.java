package tandem.account;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.BiPredicate;

/** bcrypt password hashing: slow on purpose, so a stolen table is expensive to crack. */
public final class PasswordHasher {
    /** Checked where nothing can match, so that a refusal costs as long as a wrong password does. */
    private static final char[] NOTHING = "-".toCharArray();

    private final int cost;
    private final BiPredicate<char[], String> verify;
    /** The hash of a random password at our cost: what an unknown user's password is checked against. */
    private final String decoy;

    public PasswordHasher(int cost) {
        this(cost, (password, hash) -> BCrypt.verifyer().verify(password, hash).verified);
    }

    /** `verify` is bcrypt's check; tests count its calls, because the time it takes cannot be asserted reliably. */
    PasswordHasher(int cost, BiPredicate<char[], String> verify) {
        this.cost = cost;
        this.verify = verify;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.decoy = hash(HexFormat.of().formatHex(secret));
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /**
     * Whether `password` is the one `hash` was made from; false without a password or a hash (an
     * unknown user). Every call runs bcrypt exactly once, so the time does not tell these cases apart.
     */
    public boolean matches(String password, String hash) {
        // bcrypt only reads 72 bytes; longer passwords are refused at creation, so none can match.
        boolean checkable = password != null && hash != null && password.getBytes(StandardCharsets.UTF_8).length <= 72;
        boolean verified = verify.test(checkable ? password.toCharArray() : NOTHING, checkable ? hash : decoy);
        return checkable && verified;
    }
}
