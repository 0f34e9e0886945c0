package dev.reparse.runtime.livequery;

import java.util.Map;

/**
 * The app's code around LiveQuery, as Parse Server's Cloud Code triggers {@code beforeConnect}, {@code
 * beforeSubscribe} and {@code afterLiveQueryEvent}: a {@code before*} refuses by throwing a {@link
 * dev.reparse.protocol.ParseException} (sent to the client as an error frame with its code); {@link #afterEvent}
 * may change the object sent or drop the event. Not wired to Cloud Code yet: {@link #NONE} allows everything.
 */
public interface LiveQueryHooks {
    /** Allows everything, changes nothing. */
    LiveQueryHooks NONE = new LiveQueryHooks() {
    };

    /** A client connecting: its session token, installation and whether it holds the master key. */
    default void beforeConnect(Map<String, Object> request) {
    }

    /** A subscription about to be made ({@code className}, {@code where}, {@code keys}, {@code watch}). */
    default void beforeSubscribe(Map<String, Object> request) {
    }

    /** The event about to be sent ({@code event}, {@code object}, {@code original}); false drops it. */
    default boolean afterEvent(String className, Map<String, Object> event) {
        return true;
    }
}
