package dev.reparse.runtime.cloud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the app's code is doing, for the master key ({@code GET /cloud_code/status}): the release its runner runs, and
 * the last release it tried to load with why that failed, when it did. A failed release leaves the one before it
 * running, so {@code running} and {@code lastTried} differ exactly then.
 *
 * @param present whether there is code at all (a platform app's folder is empty until a release is deployed)
 * @param running the release the requests runner runs and since when; empty while none runs
 */
record CodeStatus(boolean present, Optional<Running> running, Optional<Attempt> lastTried) {

    /** A runner serving a release ({@code release} is empty for code the platform did not stamp). */
    record Running(Optional<Release> release, Instant since) {
    }

    /** One load of the code: which release, when, and the error when it failed. */
    record Attempt(Optional<Release> release, Instant at, Optional<LoadError> error) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            release.ifPresent(r -> map.putAll(r.toMap()));
            map.put("at", at.toString());
            map.put("loaded", error.isEmpty());
            error.ifPresent(e -> map.put("error", Map.of("summary", e.summary(), "lines", e.lines())));
            return map;
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("codePresent", present);
        map.put("running", running.map(r -> {
            Map<String, Object> running = new LinkedHashMap<>();
            r.release().ifPresent(release -> running.putAll(release.toMap()));
            running.put("since", r.since().toString());
            return (Object) running;
        }).orElse(null));
        map.put("lastTried", lastTried.map(Attempt::toMap).orElse(null));
        return map;
    }
}
