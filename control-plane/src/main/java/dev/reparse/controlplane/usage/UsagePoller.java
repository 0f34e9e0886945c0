package dev.reparse.controlplane.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.BackgroundWork;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.routes.InternalToken;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/** Polls the router's cumulative usage counters ({@code GET /internal/v1/usage}) when {@code reparse.router.url} is set. */
@Singleton
final class UsagePoller {
    private static final Logger LOG = Logger.getLogger(UsagePoller.class);
    private final ControlPlaneConfig config;
    private final UsageStore store;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final BackgroundWork background;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean polling = new AtomicBoolean();
    private long timer = -1;

    UsagePoller(ControlPlaneConfig config, UsageStore store, ObjectMapper json, Vertx vertx,
            BackgroundWork background) {
        this.config = config;
        this.store = store;
        this.json = json;
        this.vertx = vertx;
        this.background = background;
    }

    void start(@Observes StartupEvent startup) {
        config.router().url().ifPresent(url -> {
            URI usage = URI.create(url.toString().replaceAll("/+$", "") + "/internal/v1/usage");
            timer = vertx.setPeriodic(config.router().usagePollInterval().toMillis(), id -> poll(usage));
            LOG.infof("polling router usage at %s every %s", usage, config.router().usagePollInterval());
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void poll(URI usage) {
        // A slow router must not pile up polls.
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(usage).timeout(Duration.ofSeconds(10))
            .header(InternalToken.HEADER, config.internalToken().orElse("")).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                polling.set(false);
                LOG.debugf("router usage poll failed: %s", failure != null ? failure : response.statusCode());
                return;
            }
            store(response.body());
        });
    }

    private void store(String body) {
        Map<String, UsageCounters> snapshot;
        Map<String, RequestCounters> requests;
        try {
            JsonNode tree = json.readTree(body);
            snapshot = parse(tree);
            requests = parseRequests(tree);
        } catch (IOException | RuntimeException e) {
            polling.set(false);
            LOG.warnf("router usage answer is not usable: %s", e.getMessage());
            return;
        }
        background.run(() -> store.record(snapshot, requests), () -> polling.set(false), failure -> {
            polling.set(false);
            LOG.errorf(failure, "could not store usage");
        });
    }

    static Map<String, UsageCounters> parse(JsonNode body) {
        Map<String, UsageCounters> snapshot = new LinkedHashMap<>();
        body.path("apps").properties().forEach(app -> snapshot.put(app.getKey(), new UsageCounters(
            app.getValue().path("requests").asLong(), app.getValue().path("bytesIn").asLong(),
            app.getValue().path("bytesOut").asLong(), app.getValue().path("rejected").asLong())));
        return snapshot;
    }

    /** Each app's request analytics (operations and latency), when the router reports them. */
    static Map<String, RequestCounters> parseRequests(JsonNode body) {
        Map<String, RequestCounters> requests = new LinkedHashMap<>();
        body.path("apps").properties().forEach(app -> requests.put(app.getKey(), RequestCounters.parse(app.getValue())));
        return requests;
    }
}
