package dev.reparse.runtime.files;

import java.io.IOException;

/** The client went away (or sent a broken body) while an upload was being read. */
public final class ClientAbortException extends IOException {
    public ClientAbortException(String message, Throwable cause) {
        super(message, cause);
    }
}
