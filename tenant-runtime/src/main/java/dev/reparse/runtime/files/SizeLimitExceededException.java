package dev.reparse.runtime.files;

import java.io.IOException;

/** An upload's stream passed the app's size cap; an IOException so adapters abort on it. */
public final class SizeLimitExceededException extends IOException {
    public SizeLimitExceededException(long limit) {
        super("the upload passed " + limit + " bytes");
    }
}
