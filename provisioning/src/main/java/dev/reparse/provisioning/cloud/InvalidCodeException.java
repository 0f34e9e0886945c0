package dev.reparse.provisioning.cloud;

/** An upload that cannot become an app's code; the message says why, in words for the uploader. */
public final class InvalidCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    InvalidCodeException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The kind of refusal, for callers that answer each kind differently. */
    public Reason reason() {
        return reason;
    }

    /** Kinds of refusal. */
    public enum Reason {
        /** Past one of the {@link CodeLimits}. */
        TOO_LARGE,
        /** Not a readable zip, an unsafe entry, or no entry file. */
        INVALID
    }
}
