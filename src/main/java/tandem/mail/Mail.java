package tandem.mail;

/** One plain-text e-mail to one address: what a mail job carries and the sender sends. */
public record Mail(String to, String subject, String text) {}
