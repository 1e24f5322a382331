package tandem.account;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** bcrypt password hashing: slow on purpose, so a stolen table is expensive to crack. */
public final class PasswordHasher {
    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null) return false;
        // bcrypt only reads 72 bytes; longer passwords are refused at creation, so none exist here.
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) return false;
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }
}
