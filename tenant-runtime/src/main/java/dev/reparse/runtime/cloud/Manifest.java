package dev.reparse.runtime.cloud;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What an app's code registered: function, job and trigger names (a trigger as {@code "beforeSave Game"}). */
record Manifest(Set<String> functions, Set<String> jobs, Set<String> triggers) {
    static final Manifest EMPTY = new Manifest(Set.of(), Set.of(), Set.of());

    Manifest {
        functions = Set.copyOf(functions);
        jobs = Set.copyOf(jobs);
        triggers = Set.copyOf(triggers);
    }

    static Manifest of(Map<String, Object> ready) {
        Set<String> triggers = new LinkedHashSet<>();
        if (ready.get("triggers") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> trigger) {
                    triggers.add(key(String.valueOf(trigger.get("triggerName")), String.valueOf(trigger.get("className"))));
                }
            }
        }
        return new Manifest(names(ready.get("functions")), names(ready.get("jobs")), triggers);
    }

    static String key(String triggerName, String className) {
        return triggerName + " " + className;
    }

    boolean hasTrigger(String triggerName, String className) {
        return triggers.contains(key(triggerName, className));
    }

    String summary() {
        return functions.size() + " functions, " + triggers.size() + " triggers, " + jobs.size() + " jobs";
    }

    private static Set<String> names(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        }
        return names;
    }
}
