package dev.reparse.provisioning.cloud;

import java.util.Objects;

/**
 * What a checked bundle holds.
 *
 * @param files how many files it unpacks to
 * @param unpackedBytes their total size
 * @param main the entry file the runtime loads: {@code main.js} or {@code cloud/main.js}
 */
public record CodeSummary(int files, long unpackedBytes, String main) {
    public CodeSummary {
        Objects.requireNonNull(main, "main");
    }
}
