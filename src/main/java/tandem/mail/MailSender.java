package tandem.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Config;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends e-mails through the configured SMTP server (Jakarta Mail). A failure throws, so the mail
 * job that called it is retried later: a mail server that is down loses nothing. Without a
 * configured server a mail is only logged, its text left out (it may hold a reset link).
 */
public final class MailSender {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final int TIMEOUT_MS = 20_000;

    private final Config.Smtp smtp;
    private final Session session;

    public MailSender(Config.Smtp smtp) {
        this.smtp = smtp;
        this.session = smtp.enabled() ? Session.getInstance(properties(smtp)) : null;
    }

    /** Whether mails really leave (an SMTP server is configured). */
    public boolean enabled() {
        return smtp.enabled();
    }

    public void send(Mail mail) throws MessagingException {
        if (session == null) {
            log.info("no SMTP server configured: mail \"{}\" to {} not sent", mail.subject(), mail.to());
            return;
        }
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setText(mail.text(), StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        if (smtp.username() != null) Transport.send(m, smtp.username(), smtp.password());
        else Transport.send(m);
        log.info("mail \"{}\" sent to {}", mail.subject(), mail.to());
    }

    private static Properties properties(Config.Smtp smtp) {
        String protocol = smtp.tls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", smtp.host());
        p.put("mail." + protocol + ".port", String.valueOf(smtp.port()));
        p.put("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MS));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MS));
        if (smtp.tls()) p.put("mail.smtps.ssl.checkserveridentity", "true");
        else p.put("mail.smtp.starttls.enable", "true");
        return p;
    }
}
