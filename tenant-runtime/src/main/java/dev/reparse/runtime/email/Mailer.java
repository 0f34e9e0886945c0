package dev.reparse.runtime.email;

/** Delivers mail; the runtime's implementation speaks SMTP ({@link SmtpMailer}). */
public interface Mailer {
    /** Sends one mail, blocking until the server accepted it; {@link MailDeliveryException} when it did not. */
    void send(MailMessage message);
}
