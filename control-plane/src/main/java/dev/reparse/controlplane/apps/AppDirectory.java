package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * What must hold across all apps when one is created or moves: unique subdomains and the app limits. Checks and write
 * run under one PostgreSQL transaction lock, so concurrent creates on any replica queue up instead of racing (two
 * creates of "My App" both seeing "my-app" free, one failing on the unique index) — creates are rare, so one lock
 * for all of them costs nothing that matters.
 */
@Singleton
final class AppDirectory {
    /** The advisory lock's key: "reparse" and 1, for "the app directory". */
    private static final long LOCK_KEY = 0x7265_7061_7273_6501L;
    private static final String LOCK = "select 1 from pg_advisory_xact_lock(cast(?1 as bigint))";
    private static final String UNIQUE_SUBDOMAIN = "app_live_subdomain";
    private final ControlPlaneConfig config;

    AppDirectory(ControlPlaneConfig config) {
        this.config = config;
    }

    /** Takes the directory lock until the current transaction ends. */
    Uni<Void> lock() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(LOCK, Integer.class)
            .setParameter(1, LOCK_KEY).getSingleResult()).replaceWithVoid();
    }

    /** A 403 (code 140) when the account or the platform has no room for another app. */
    Uni<Void> requireRoom(Account owner) {
        int perAccount = config.accounts().maxApps();
        int platform = config.platform().maxApps();
        return App.count("accountId = ?1 and deleted = false", owner.id).flatMap(owned -> {
            if (owned >= perAccount) {
                return Uni.createFrom().failure(full("This account has " + owned + " apps, the most one account may "
                    + "have (" + perAccount + "). Delete an app you no longer use, or ask the platform's operator to "
                    + "raise reparse.accounts.max-apps."));
            }
            return App.count("deleted = false");
        }).flatMap(live -> {
            if (live >= platform) {
                return Uni.createFrom().failure(full("The platform is at its capacity of " + platform + " apps. Try "
                    + "again later, or ask the platform's operator to raise reparse.platform.max-apps."));
            }
            return Uni.createFrom().item(AvailableMemory.shortage(config)).flatMap(shortage -> shortage
                .<Uni<Void>>map(message -> Uni.createFrom().failure(full(message)))
                .orElseGet(() -> Uni.createFrom().voidItem()));
        });
    }

    /** A 409 (code 137) when a live app other than {@code applicationId} holds the subdomain. */
    Uni<Void> requireFree(String subdomain, String applicationId) {
        return App.count("subdomain = ?1 and deleted = false and applicationId <> ?2", subdomain, applicationId)
            .flatMap(taken -> taken == 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(subdomainTaken(subdomain)));
    }

    /** Derives the subdomain from the name, made unique with part of the application ID when another app holds it. */
    Uni<Void> assignSubdomain(App app) {
        String slug = Subdomains.slug(app.name);
        return App.count("subdomain = ?1 and deleted = false and applicationId <> ?2", slug, app.applicationId)
            .invoke(taken -> app.subdomain = taken == 0 ? slug : Subdomains.disambiguated(slug, app.applicationId))
            .replaceWithVoid();
    }

    /** Whether a failed write hit the unique index on live subdomains (a writer that did not take the lock). */
    static boolean subdomainClash(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(UNIQUE_SUBDOMAIN)) {
                return true;
            }
        }
        return false;
    }

    static ApiException subdomainTaken(Throwable ignored) {
        return subdomainTaken((String) null);
    }

    private static ApiException subdomainTaken(String subdomain) {
        String which = subdomain == null ? "That subdomain" : "The subdomain \"" + subdomain + "\"";
        return new ApiException(409, ParseErrorCode.DUPLICATE_VALUE, which + " is taken by another app; choose another.");
    }

    private static ApiException full(String message) {
        return new ApiException(403, ParseErrorCode.EXCEEDED_QUOTA, message);
    }
}
