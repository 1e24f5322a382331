package tandem.account;

import org.jdbi.v3.core.Handle;
import tandem.job.JobQueue;
import tandem.job.JobType;
import tandem.mail.Mail;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The e-mails accounts send (a password-reset link, an address verification link, a sign-up's decision), in English or French by
 * the reader's language, each enqueued as a durable job in the caller's transaction: a mail server
 * that is down delays them (retried for hours), it does not lose them.
 */
public final class AccountMails {
    /** 30 s doubling, capped at 1 h: 12 attempts keep trying for about 7 hours. */
    public static final JobType<Mail> SEND = JobType.of("mail-send", Mail.class, 12, Duration.ofSeconds(30), 2);

    private final JobQueue jobs;
    private final String publicUrl;
    private final Supplier<String> instanceName;
    private final Supplier<String> moderatorsEmail;

    /** {@code moderatorsEmail}: where new registration requests are announced (the instance's contact address; blank: nowhere). */
    public AccountMails(JobQueue jobs, String publicUrl, Supplier<String> instanceName, Supplier<String> moderatorsEmail) {
        this.jobs = jobs;
        this.publicUrl = publicUrl;
        this.instanceName = instanceName;
        this.moderatorsEmail = moderatorsEmail;
    }

    /** Tells the moderators that a sign-up waits for them (in English: the instance's own language is not known). */
    void registrationRequested(Handle h, Registration r) {
        String to = moderatorsEmail.get();
        if (to == null || to.isBlank()) return;
        jobs.enqueue(h, SEND, new Mail(to, "[" + instanceName.get() + "] New registration request from " + r.username(), """
                %s (%s) asks to join:

                %s

                Accept or reject it at %s/admin/moderation/registrations/list
                """.formatted(r.username(), r.email(), r.reason(), publicUrl)));
    }

    void passwordReset(Handle h, User user, String language, String path) {
        String name = instanceName.get();
        String link = publicUrl + path;
        Mail mail = french(language)
                ? new Mail(user.email(), "[" + name + "] Réinitialisation de votre mot de passe", """
                Bonjour %s,

                Quelqu'un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte sur %s.
                Pour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :

                %s

                Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste le même.
                """.formatted(user.username(), name, link))
                : new Mail(user.email(), "[" + name + "] Reset your password", """
                Hello %s,

                Someone (you, we hope) asked to reset the password of your account on %s.
                To choose a new password, open this link within the hour:

                %s

                If you did not ask for this, ignore this message: your password stays as it is.
                """.formatted(user.username(), name, link));
        jobs.enqueue(h, SEND, mail);
    }

    /** The link that verifies an address: a new user's, a registration request's, or a user's new one (sent to that new address). */
    void verifyEmail(Handle h, String to, String username, String language, String path, boolean registration) {
        String name = instanceName.get();
        String link = publicUrl + path;
        Mail mail = french(language)
                ? new Mail(to, "[" + name + "] Vérifiez votre adresse e-mail", """
                Bonjour %s,

                Pour confirmer que cette adresse est bien la vôtre sur %s, ouvrez ce lien dans l'heure :

                %s

                %s
                Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
                """.formatted(username, name, link, registration ? "Votre demande d'inscription sera ensuite examinée par la modération.\n" : ""))
                : new Mail(to, "[" + name + "] Verify your e-mail address", """
                Hello %s,

                To confirm that this address is yours on %s, open this link within the hour:

                %s

                %s
                If you did not ask for this, ignore this message.
                """.formatted(username, name, link, registration ? "The moderators will then look at your registration request.\n" : ""));
        jobs.enqueue(h, SEND, mail);
    }

    void registrationDecided(Handle h, Registration r, boolean accepted) {
        String name = instanceName.get();
        String response = r.moderationResponse() == null || r.moderationResponse().isBlank() ? "" : r.moderationResponse();
        boolean fr = french(r.language());
        String subject = fr
                ? "[" + name + "] " + (accepted ? "Votre inscription est acceptée" : "Votre inscription est refusée")
                : "[" + name + "] " + (accepted ? "Your registration was accepted" : "Your registration was rejected");
        String text;
        if (fr) {
            text = accepted
                    ? "Bonjour %s,\n\nVotre demande d'inscription sur %s est acceptée. Vous pouvez vous connecter : %s/login\n".formatted(r.username(), name, publicUrl)
                    : "Bonjour %s,\n\nVotre demande d'inscription sur %s est refusée.\n".formatted(r.username(), name);
            if (!response.isEmpty()) text += "\nMessage de la modération :\n" + response + "\n";
        } else {
            text = accepted
                    ? "Hello %s,\n\nYour registration request on %s was accepted. You can log in: %s/login\n".formatted(r.username(), name, publicUrl)
                    : "Hello %s,\n\nYour registration request on %s was rejected.\n".formatted(r.username(), name);
            if (!response.isEmpty()) text += "\nThe moderators' message:\n" + response + "\n";
        }
        jobs.enqueue(h, SEND, new Mail(r.email(), subject, text));
    }

    private static boolean french(String language) {
        return "fr".equals(language);
    }
}
