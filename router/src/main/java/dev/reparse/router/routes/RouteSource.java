package dev.reparse.router.routes;

/** Something that keeps {@link LiveRoutes} up to date until stopped. */
public interface RouteSource {
    /** Loads the first table (asynchronously) and keeps refreshing it. */
    void start();

    /** Stops refreshing; the last table stays in force. */
    void stop();
}
