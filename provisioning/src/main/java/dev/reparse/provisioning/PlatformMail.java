package dev.reparse.provisioning;

import java.util.Objects;
import java.util.Optional;

/**
 * What every hosted app's mail goes through, as the platform's operator configured it: the SMTP server (none: apps
 * send no mail, and reset requests answer Parse's "emailAdapter required" error), the sender address, and the public
 * API URL mailed links start with.
 */
public record PlatformMail(Optional<Smtp> smtp, String fromAddress, Optional<String> publicServerUrl) {
    /** An SMTP server; {@code tls} is {@code none}, {@code starttls} or {@code tls}. */
    public record Smtp(String host, int port, String tls, Optional<String> username, Optional<String> password) {
        public Smtp {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the SMTP host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the SMTP port must be 1-65535, got " + port);
            }
            Objects.requireNonNull(tls, "tls");
            // checked here, where the operator sees it at start, not by every runtime failing to start
            if (!java.util.Set.of("none", "starttls", "tls").contains(tls.strip().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("reparse.email.smtp.tls must be none, starttls or tls, got " + tls);
            }
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    public PlatformMail {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(publicServerUrl, "publicServerUrl");
        if (smtp.isPresent() && fromAddress.isBlank()) {
            throw new IllegalArgumentException("a platform with an SMTP server needs a sender address");
        }
    }

    /** No mail server: apps send no mail. */
    public static PlatformMail none() {
        return new PlatformMail(Optional.empty(), "", Optional.empty());
    }
}
