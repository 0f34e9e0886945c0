package dev.reparse.runtime.livequery;

import dev.reparse.runtime.core.Auth;
import java.util.Map;

/**
 * The app's code around LiveQuery, as Parse Server's Cloud Code triggers {@code beforeConnect}, {@code
 * beforeSubscribe} and {@code afterLiveQueryEvent}: a {@code before*} refuses by throwing a {@link
 * dev.reparse.protocol.ParseException} (sent to the client as an error frame with its code); {@link #afterEvent}
 * may change the object sent or drop the event.
 */
public interface LiveQueryHooks {
    /** Allows everything, changes nothing. */
    LiveQueryHooks NONE = new LiveQueryHooks() {
    };

    /** A client connecting ({@code useMasterKey}, {@code sessionToken}, {@code installationId}, counts). */
    default void beforeConnect(Auth auth, Map<String, Object> request) {
    }

    /**
     * A subscription about to be made; answers its query to use instead, in the REST query form ({@code where},
     * {@code keys} and {@code watch} as comma-separated strings, as the SDK's {@code Parse.Query.toJSON()}).
     */
    default Map<String, Object> beforeSubscribe(Auth auth, String className, Map<String, Object> query) {
        return query;
    }

    /**
     * The event about to be sent ({@code event}, {@code object}, {@code original}); the hook may replace {@code
     * object} in the map; false drops the event.
     */
    default boolean afterEvent(Auth auth, String className, Map<String, Object> event) {
        return true;
    }
}
