package dev.reparse.router.routes;

import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import org.jboss.logging.Logger;

/** Reads the route table from a JSON file, and again whenever the file's modification time or size changes. */
public final class RoutesFile implements RouteSource {
    private static final Logger LOG = Logger.getLogger(RoutesFile.class);

    private final Vertx vertx;
    private final LiveRoutes routes;
    private final String path;
    private final long intervalMillis;
    private long timer = -1;
    private String lastSeen = "";

    public RoutesFile(Vertx vertx, LiveRoutes routes, String path, long intervalMillis) {
        this.vertx = vertx;
        this.routes = routes;
        this.path = path;
        this.intervalMillis = Math.max(1, intervalMillis);
    }

    @Override
    public void start() {
        check();
        timer = vertx.setPeriodic(intervalMillis, id -> check());
    }

    @Override
    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void check() {
        vertx.fileSystem().props(path).onSuccess(this::readIfChanged)
                .onFailure(e -> LOG.warnf("cannot read the routes file %s: %s", path, e.getMessage()));
    }

    private void readIfChanged(FileProps props) {
        String stamp = props.lastModifiedTime() + "/" + props.size();
        if (stamp.equals(lastSeen)) {
            return;
        }
        lastSeen = stamp;
        vertx.fileSystem().readFile(path).map(RouteTableJson::parse).onSuccess(table -> {
            LOG.infof("routes file %s: version %d, %d apps", path, table.version(), table.routes().size());
            routes.replace(table);
        }).onFailure(e -> LOG.warnf("ignoring the routes file %s: %s", path, e.getMessage()));
    }
}
