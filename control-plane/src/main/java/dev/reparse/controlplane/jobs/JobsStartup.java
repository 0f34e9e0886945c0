package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.ControlPlaneConfig;
import dev.reparse.controlplane.secrets.KeySeal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Starts this replica's job scheduler ticking on a virtual thread, and gives its lease up at shutdown. */
@Singleton
final class JobsStartup {
    private static final Logger LOG = Logger.getLogger(JobsStartup.class);
    private final ControlPlaneConfig config;
    private final DataSource database;
    private final Clock clock;
    private final ObjectMapper json;
    private final KeySeal seal;
    private ScheduledExecutorService ticks;
    private JobScheduler scheduler;

    JobsStartup(ControlPlaneConfig config, DataSource database, Clock clock, ObjectMapper json, KeySeal seal) {
        this.config = config;
        this.database = database;
        this.clock = clock;
        this.json = json;
        this.seal = seal;
    }

    void start(@Observes StartupEvent startup) {
        ControlPlaneConfig.Jobs jobs = config.jobs();
        Optional<URI> api = apiUrl(config);
        if (!jobs.enabled() || api.isEmpty()) {
            LOG.infof("job scheduler off (%s)", jobs.enabled() ? "no reparse.router.url or reparse.jobs.api-url" : "disabled");
            return;
        }
        scheduler = new JobScheduler(new JobRunStore(database, seal), new AppJobsClient(api.get(), json), clock,
            new JobScheduler.Settings(jobs.tick(), jobs.maxConcurrentPerApp(), jobs.catchUp(), jobs.runningWindow(),
                jobs.history()),
            "control-plane-" + UUID.randomUUID(), json);
        ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("job-scheduler").factory());
        // fixed delay: a slow tick (many apps, a slow app) never piles up behind itself
        ticks.scheduleWithFixedDelay(scheduler::tick, jobs.tick().toMillis(), jobs.tick().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("job scheduler calling apps at %s every %s", api.get(), jobs.tick());
    }

    /** Where apps' Parse API is called: {@code reparse.jobs.api-url}, else the router's {@code /parse}. */
    static Optional<URI> apiUrl(ControlPlaneConfig config) {
        return config.jobs().apiUrl().or(() -> config.router().url()
            .map(router -> URI.create(router.toString().replaceAll("/+$", "") + "/parse")));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (ticks != null) {
            // let a tick in flight finish: one cut between its claim and its POST would lose that run
            ticks.shutdown();
            try {
                ticks.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler.release();
        }
    }
}
