package dev.reparse.runtime.livequery;

import dev.reparse.runtime.core.WriteEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The core's writes of live classes onto the app's bus, each object deep-copied so no later change reaches it. */
public final class LiveQueryPublisher implements WriteEvents {
    private final Supplier<Set<String>> liveClasses;
    private final LiveQueryBus bus;

    /** {@code liveClasses} is read per write, so a settings change applies to the next one. */
    public LiveQueryPublisher(Supplier<Set<String>> liveClasses, LiveQueryBus bus) {
        this.liveClasses = liveClasses;
        this.bus = bus;
    }

    @Override
    public boolean wants(String className) {
        return liveClasses.get().contains(className);
    }

    @Override
    public void saved(String className, Map<String, Object> object, Map<String, Object> original) {
        bus.publish(new LiveQueryEvent(className, copy(object), original == null ? null : copy(original), false));
    }

    @Override
    public void deleted(String className, Map<String, Object> object) {
        bus.publish(new LiveQueryEvent(className, copy(object), null, true));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> object) {
        return (Map<String, Object>) deepCopy(object);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), deepCopy(child)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(child -> copy.add(deepCopy(child)));
            return copy;
        }
        return value;
    }
}
