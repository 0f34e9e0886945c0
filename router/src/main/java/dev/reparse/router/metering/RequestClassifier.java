package dev.reparse.router.metering;

/**
 * Tells a request's operation and class (or function, job, event name) from its method and path under the mount,
 * scanning the path once: {@code /classes/<C>} is find (GET) or create (POST), {@code /classes/<C>/<id>} get, update
 * (PUT) or delete; {@code /users}, {@code /roles}, {@code /installations} and {@code /sessions} the same for
 * {@code _User}, {@code _Role}, {@code _Installation} and {@code _Session}; the rest by their first segment. A POST
 * carrying the JS SDK's {@code _method} counts as that method.
 */
public final class RequestClassifier {
    /** Names longer than this are not class names (Parse's are short); they count as {@link #OVERFLOW_CLASS}. */
    static final int MAX_NAME = 128;
    /** The class of the keys past an app's cap, and of names too long to be one. */
    public static final String OVERFLOW_CLASS = "(other)";

    private final String mount;

    /** {@code mount}: the API path, such as {@code /parse}. */
    public RequestClassifier(String mount) {
        this.mount = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    }

    /** An operation and its class name (null when the operation has none). */
    public record Classified(Operation operation, String className) {
    }

    /**
     * Classifies one request. {@code method} is the HTTP method's name, {@code override} the body's {@code _method}
     * (or null), {@code upgrade} whether it is a WebSocket upgrade (LiveQuery).
     */
    public Classified classify(String method, String override, String path, boolean upgrade) {
        if (upgrade) {
            return new Classified(Operation.LIVEQUERY, null);
        }
        if (path == null || !path.startsWith(mount) || path.length() < mount.length() + 2 || path.charAt(mount.length()) != '/'
                || "OPTIONS".equals(method)) {
            return new Classified(Operation.OTHER, null);
        }
        String effective = override != null && "POST".equals(method) ? override : method;
        int start = mount.length() + 1;
        int end = path.indexOf('/', start);
        if (end < 0) {
            end = path.length();
        }
        String first = path.substring(start, end);
        return switch (first) {
            case "classes" -> crud(effective, path, end, null);
            case "users" -> crud(effective, path, end, "_User");
            case "roles" -> crud(effective, path, end, "_Role");
            case "installations" -> crud(effective, path, end, "_Installation");
            case "sessions" -> crud(effective, path, end, "_Session");
            case "login" -> new Classified(Operation.LOGIN, null);
            case "logout" -> new Classified(Operation.LOGOUT, null);
            case "functions" -> named(Operation.FUNCTION, path, end);
            case "jobs" -> named(Operation.JOB, path, end);
            case "events" -> named(Operation.EVENT, path, end);
            case "aggregate" -> named(Operation.AGGREGATE, path, end);
            case "schemas" -> named(Operation.SCHEMA, path, end);
            case "files" -> new Classified(Operation.FILE, null);
            case "batch" -> new Classified(Operation.BATCH, null);
            case "push" -> new Classified(Operation.PUSH, null);
            case "graphql" -> new Classified(Operation.GRAPHQL, null);
            case "config" -> new Classified(Operation.CONFIG, null);
            case "health", "serverInfo" -> new Classified(Operation.META, null);
            case "livequery" -> new Classified(Operation.LIVEQUERY, null);
            default -> new Classified(Operation.OTHER, null);
        };
    }

    /**
     * {@code /<collection>[/<C>]/[<id>]} after the first segment ending at {@code end}: with {@code className} null
     * (under {@code /classes}) the next segment is the class.
     */
    private static Classified crud(String method, String path, int end, String className) {
        int at = end;
        String name = className;
        if (name == null) {
            int[] bounds = segment(path, at);
            if (bounds == null) {
                return new Classified(Operation.OTHER, null);
            }
            name = name(path, bounds);
            at = bounds[1];
        }
        int[] id = segment(path, at);
        if (id != null && segment(path, id[1]) != null) {
            return new Classified(Operation.OTHER, name);
        }
        Operation operation = id == null ? collectionOperation(method) : objectOperation(method);
        return new Classified(operation, name);
    }

    private static Operation collectionOperation(String method) {
        return switch (method) {
            case "GET" -> Operation.FIND;
            case "POST" -> Operation.CREATE;
            default -> Operation.OTHER;
        };
    }

    private static Operation objectOperation(String method) {
        return switch (method) {
            case "GET" -> Operation.GET;
            case "PUT" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            default -> Operation.OTHER;
        };
    }

    private static Classified named(Operation operation, String path, int end) {
        int[] bounds = segment(path, end);
        return new Classified(operation, bounds == null ? null : name(path, bounds));
    }

    /** The non-empty segment after the slash at {@code slash}, as {from, to}; null when there is none. */
    private static int[] segment(String path, int slash) {
        if (slash >= path.length() - 1) {
            return null;
        }
        int to = path.indexOf('/', slash + 1);
        if (to < 0) {
            to = path.length();
        }
        return to == slash + 1 ? null : new int[] {slash + 1, to};
    }

    private static String name(String path, int[] bounds) {
        return bounds[1] - bounds[0] > MAX_NAME ? OVERFLOW_CLASS : path.substring(bounds[0], bounds[1]);
    }
}
