package dev.reparse.runtime.email;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Sends mail over SMTP with Jakarta Mail (Eclipse Angus): one connection per mail. */
public final class SmtpMailer implements Mailer {
    private final SmtpSettings settings;
    private final Session session;
    private final Clock clock;

    public SmtpMailer(SmtpSettings settings, Clock clock) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings), authenticator(settings));
        this.clock = clock;
    }

    static Properties properties(SmtpSettings settings) {
        String protocol = settings.tls() == SmtpSettings.Tls.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty(prefix + "host", settings.host());
        props.setProperty(prefix + "port", String.valueOf(settings.port()));
        props.setProperty(prefix + "connectiontimeout", timeout);
        props.setProperty(prefix + "timeout", timeout);
        props.setProperty(prefix + "writetimeout", timeout);
        props.setProperty(prefix + "auth", String.valueOf(settings.username().isPresent()));
        if (settings.tls() == SmtpSettings.Tls.STARTTLS) {
            // required, not just enabled: a server that does not offer STARTTLS must not get the password in clear
            props.setProperty(prefix + "starttls.enable", "true");
            props.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.tls() != SmtpSettings.Tls.NONE) {
            props.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static Authenticator authenticator(SmtpSettings settings) {
        if (settings.username().isEmpty()) {
            return null;
        }
        PasswordAuthentication login = new PasswordAuthentication(settings.username().get(),
                settings.password().orElse(""));
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return login;
            }
        };
    }

    @Override
    public void send(MailMessage message) {
        try {
            Transport.send(toMime(message));
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailDeliveryException("SMTP server " + settings.host() + ":" + settings.port()
                    + " did not take the mail to " + message.to() + ": " + e.getMessage(), e);
        }
    }

    private MimeMessage toMime(MailMessage message) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = new MimeMessage(session);
        String charset = StandardCharsets.UTF_8.name();
        mime.setFrom(new InternetAddress(message.from().address(), message.from().name().orElse(null), charset));
        mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), charset);
        mime.setSentDate(Date.from(clock.instant()));
        if (message.html().isEmpty()) {
            mime.setText(message.text(), charset);
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), charset);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html().get(), charset, "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        mime.saveChanges();
        return mime;
    }
}
