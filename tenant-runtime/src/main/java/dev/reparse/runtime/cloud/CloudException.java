package dev.reparse.runtime.cloud;

/** The app's Cloud Code could not be run (not loaded, its runner gone); callers answer Parse error 141. */
final class CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    CloudException(String message) {
        super(message);
    }
}
