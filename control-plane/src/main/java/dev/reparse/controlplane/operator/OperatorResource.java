package dev.reparse.controlplane.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.accounts.Account;
import dev.reparse.controlplane.apps.App;
import dev.reparse.controlplane.apps.StoredAppStatus;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.provisioning.Condition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's view of an app: what tenants see plus what they must not (the owner, the runtime's upstream, and
 * provisioning's own condition messages with process ids, addresses and store endpoints). Guarded by the operator
 * token ({@code reparse.operator-token}; locally {@code <data dir>/operator-token}).
 */
@Path("/api/v1/operator/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
final class OperatorResource {
    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() { };
    private final OperatorToken token;
    private final ObjectMapper json;

    OperatorResource(OperatorToken token, ObjectMapper json) {
        this.token = token;
        this.json = json;
    }

    /** An app as operators see it. */
    record OperatorAppView(String applicationId, String appName, long accountId, String accountEmail, String subdomain,
            long generation, boolean deleted, Instant createdAt, Instant updatedAt, OperatorStatus status) {
    }

    /** Provisioning's status as it reported it; null until it reported one. */
    record OperatorStatus(long observedGeneration, boolean ready, String upstream, Instant updatedAt,
            List<Condition> conditions) {
    }

    @GET
    @Path("/{applicationId}")
    @Operation(summary = "An app as operators see it",
        description = "Owner, upstream and provisioning's full condition messages (tenants get a plainer status). "
            + "Send X-Reparse-Operator-Token; 401 without it, 404 (code 101) for an unknown app, deleted ones included.")
    public Uni<OperatorAppView> app(@HeaderParam(OperatorToken.HEADER) String presented,
            @PathParam("applicationId") String applicationId) {
        token.require(presented);
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9]{1,64}")) {
            throw ApiException.appNotFound();
        }
        return Panache.withSession(() -> App.<App>findById(applicationId)
            .onItem().ifNull().failWith(ApiException::appNotFound)
            .flatMap(app -> Account.<Account>findById(app.accountId)
                .flatMap(owner -> StoredAppStatus.<StoredAppStatus>findById(applicationId)
                    .map(status -> view(app, owner, status)))));
    }

    private OperatorAppView view(App app, Account owner, StoredAppStatus status) {
        return new OperatorAppView(app.applicationId, app.name, app.accountId, owner == null ? null : owner.email,
            app.subdomain, app.generation, app.deleted, app.createdAt, app.updatedAt, status == null ? null
                : new OperatorStatus(status.observedGeneration, status.ready, status.upstream, status.updatedAt,
                    conditions(status)));
    }

    private List<Condition> conditions(StoredAppStatus status) {
        try {
            return json.readValue(status.conditions, CONDITIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conditions of " + status.applicationId + " are not JSON", e);
        }
    }
}
