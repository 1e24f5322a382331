package tandem.account;

/**
 * The administrator's sign-up policy as accounts read it: who may sign up, how many users at most (-1: no limit), from what age,
 * and whether addresses must be verified (new users cannot log in before, a changed address waits for its confirmation).
 */
public record SignupRules(Mode mode, int limit, int minimumAge, boolean requiresEmailVerification) {
    /** Closed, open to anyone, or open to requests an administrator accepts. */
    public enum Mode { CLOSED, OPEN, APPROVAL }
}
