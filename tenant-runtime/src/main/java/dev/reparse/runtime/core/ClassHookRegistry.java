package dev.reparse.runtime.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ClassHooks} of one app, by class name. Several features may register for one class
 * (users, email verification, lockout on {@code _User}); they run in registration order, and their
 * read restrictions compose.
 */
public final class ClassHookRegistry {
    private static final ClassHooks NONE = new ClassHooks() {
    };

    private final Map<String, List<ClassHooks>> byClass = new ConcurrentHashMap<>();

    /** Adds a handler for the class, after those already registered. */
    public void register(String className, ClassHooks hooks) {
        byClass.computeIfAbsent(className, name -> new CopyOnWriteArrayList<>()).add(hooks);
    }

    /** The class's handlers as one; a no-op for a class nobody registered. */
    public ClassHooks of(String className) {
        List<ClassHooks> hooks = byClass.get(className);
        if (hooks == null || hooks.isEmpty()) {
            return NONE;
        }
        return hooks.size() == 1 ? hooks.get(0) : new Chain(List.copyOf(hooks));
    }

    /** Several handlers called in order. */
    private record Chain(List<ClassHooks> hooks) implements ClassHooks {
        @Override
        public void beforeCreate(ObjectWrite write) {
            hooks.forEach(hook -> hook.beforeCreate(write));
        }

        @Override
        public void afterCreate(ObjectWrite write, Map<String, Object> response) {
            hooks.forEach(hook -> hook.afterCreate(write, response));
        }

        @Override
        public void beforeUpdate(ObjectWrite write) {
            hooks.forEach(hook -> hook.beforeUpdate(write));
        }

        @Override
        public void afterUpdate(ObjectWrite write, Map<String, Object> response) {
            hooks.forEach(hook -> hook.afterUpdate(write, response));
        }

        @Override
        public void beforeDelete(ObjectWrite write) {
            hooks.forEach(hook -> hook.beforeDelete(write));
        }

        @Override
        public void afterDelete(ObjectWrite write) {
            hooks.forEach(hook -> hook.afterDelete(write));
        }

        @Override
        public void afterPurge() {
            hooks.forEach(ClassHooks::afterPurge);
        }

        @Override
        public Map<String, Object> restrictRead(Auth auth, Map<String, Object> where) {
            Map<String, Object> restricted = where;
            for (ClassHooks hook : hooks) {
                restricted = hook.restrictRead(auth, restricted);
            }
            return restricted;
        }

        @Override
        public void beforeAnswer(Auth auth, Map<String, Object> object) {
            hooks.forEach(hook -> hook.beforeAnswer(auth, object));
        }
    }
}
