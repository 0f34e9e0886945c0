package dev.reparse.controlplane.apps;

import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.provisioning.LogQuery;
import dev.reparse.provisioning.Provisioner;
import dev.reparse.provisioning.RequestLogEntry;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * An app's request log for its owner: the lines its runtime wrote, read through provisioning (a file locally, the
 * runtime's pod in production), never from another account's app.
 */
@Singleton
public final class AppLogs {
    private final AppService apps;
    private final Provisioner provisioner;

    AppLogs(AppService apps, Provisioner provisioner) {
        this.apps = apps;
        this.provisioner = provisioner;
    }

    /** The query from a request's parameters; 400 (code 102) naming the parameter that is wrong. */
    public static LogQuery query(String level, String text, String limit) {
        Integer n;
        try {
            n = limit == null || limit.isBlank() ? null : Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(ParseErrorCode.INVALID_QUERY, "n must be a number between 1 and " + LogQuery.MAX_LIMIT);
        }
        try {
            return LogQuery.of(level, text, n);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(ParseErrorCode.INVALID_QUERY, e.getMessage());
        }
    }

    /** The newest matching lines of one of the owner's apps, newest first; 404 for an app that is not theirs. */
    public Uni<List<RequestLogEntry>> read(Account owner, String applicationId, LogQuery query) {
        return apps.get(owner, applicationId)
            .flatMap(app -> VertxContextSupport.executeBlocking(() -> provisioner.logs(app.applicationId(), query)));
    }
}
