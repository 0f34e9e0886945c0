package dev.reparse.controlplane.errors;

import dev.reparse.protocol.ParseErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a Parse error body, so no client ever sees an HTML page or a bare status. */
final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    Response apiException(ApiException e) {
        Response response = body(e.httpStatus(), e.code(), e.getMessage());
        e.retryAfter().ifPresent(wait -> response.getHeaders().putSingle("Retry-After",
            Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return response;
    }

    @ServerExceptionMapper
    Response webApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return body(404, ParseErrorCode.INVALID_QUERY, "Not found.");
        }
        if (status == 405) {
            return body(405, ParseErrorCode.COMMAND_UNAVAILABLE, "Method not allowed.");
        }
        if (status == 415 || status == 400) {
            return body(400, ParseErrorCode.INVALID_JSON, "invalid JSON");
        }
        return body(status, ParseErrorCode.OTHER_CAUSE, e.getMessage());
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return body(500, ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error.");
    }

    static Response body(int status, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
