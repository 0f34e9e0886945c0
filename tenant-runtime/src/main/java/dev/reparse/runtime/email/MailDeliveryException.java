package dev.reparse.runtime.email;

/** A mail the server did not accept: unreachable, refused the login, or rejected the message. */
public final class MailDeliveryException extends RuntimeException {
    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
