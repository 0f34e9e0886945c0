package dev.reparse.runtime.email;

import java.util.Objects;
import java.util.Optional;

/**
 * One mail to one recipient: plain text always, HTML when the template has it.
 *
 * @param from who it comes from
 * @param to the recipient's address
 */
public record MailMessage(Sender from, String to, String subject, String text, Optional<String> html) {
    public MailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            // a line break in a subject would start a new header: refuse rather than fold it
            throw new IllegalArgumentException("a mail subject is one line");
        }
    }

    /** A plain-text mail. */
    public static MailMessage text(Sender from, String to, String subject, String text) {
        return new MailMessage(from, to, subject, text, Optional.empty());
    }

    /**
     * The From of a mail.
     *
     * @param address e.g. {@code no-reply@example.com}
     * @param name the display name, e.g. the app's name; empty for none
     */
    public record Sender(String address, Optional<String> name) {
        public Sender {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("a sender needs an address");
            }
            Objects.requireNonNull(name, "name");
        }

        public static Sender of(String address, String name) {
            return new Sender(address, Optional.ofNullable(name).filter(n -> !n.isBlank()));
        }
    }
}
