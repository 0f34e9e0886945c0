package dev.reparse.runtime.email;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how mail is handed to an SMTP server.
 *
 * @param tls {@code none}: plain text; {@code starttls}: upgrade required after connecting; {@code tls}: TLS from the first byte
 * @param timeout bounds connecting, reading and writing, so a dead server cannot hold a sender forever
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> username, Optional<String> password,
        Duration timeout) {

    /** How the connection to the server is secured. */
    public enum Tls {
        NONE, STARTTLS, TLS;

        /** {@code none}, {@code starttls} or {@code tls}, in any case. */
        public static Tls of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the SMTP TLS mode must be none, starttls or tls, got " + name, e);
            }
        }
    }

    public SmtpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the SMTP host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be 1-65535, got " + port);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("an SMTP username needs a password");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the SMTP timeout must be positive");
        }
    }

    /** A server without TLS or login, as test servers are. */
    public static SmtpSettings plain(String host, int port) {
        return new SmtpSettings(host, port, Tls.NONE, Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
    }
}
