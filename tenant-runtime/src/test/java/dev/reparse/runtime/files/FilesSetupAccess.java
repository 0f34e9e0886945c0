package dev.reparse.runtime.files;

/** Lets tests of other packages build the upload policy the runtime would. */
public final class FilesSetupAccess {
    private FilesSetupAccess() {
    }

    public static UploadPolicy policy(FilesConfig config) {
        return FilesSetup.policy(config);
    }
}
