package dev.reparse.controlplane.usage;

import dev.reparse.controlplane.accounts.CallerAuthenticator;
import dev.reparse.controlplane.accounts.rest.CallerHeaders;
import dev.reparse.controlplane.apps.AppService;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An app's metered usage per hour, as the router counted it. */
@Path("/api/v1/apps/{applicationId}/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps")
final class UsageResource {
    static final int MAX_HOURS = 24 * 93;
    private final CallerAuthenticator authenticator;
    private final AppService apps;
    private final UsageStore store;
    private final Clock clock;

    UsageResource(CallerAuthenticator authenticator, AppService apps, UsageStore store, Clock clock) {
        this.authenticator = authenticator;
        this.apps = apps;
        this.store = store;
        this.clock = clock;
    }

    /** Usage of the last hours, and their sum. */
    record Usage(String applicationId, List<UsageHour> hours, UsageCounters total) {
    }

    @GET
    @Operation(summary = "Usage per hour", description = "Requests, bytes in/out and rejected requests of the last ?hours= (24).")
    public Uni<Usage> usage(@BeanParam CallerHeaders caller, @PathParam("applicationId") String applicationId,
            @QueryParam("hours") Integer hours) {
        int span = hours == null ? 24 : hours;
        if (span < 1 || span > MAX_HOURS) {
            throw ApiException.invalid(ParseErrorCode.INVALID_QUERY, "hours must be between 1 and " + MAX_HOURS + ".");
        }
        Instant from = firstHour(clock.instant(), span);
        return authenticator.require(caller.credentials())
            .flatMap(account -> apps.get(account, applicationId))
            .flatMap(app -> store.hours(applicationId, from))
            .map(list -> new Usage(applicationId, list, list.stream().map(UsageHour::counters)
                .reduce(new UsageCounters(0, 0, 0, 0), UsageCounters::plus)));
    }

    private static Instant firstHour(Instant now, int span) {
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        return thisHour.minus(Duration.ofHours(span - 1L));
    }
}
