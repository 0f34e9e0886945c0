package dev.reparse.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./reparse apps} and {@code ./reparse logs}: the running platform from the command line, through the
 * control plane's Apps API with an account's credentials (never by reading its data dir), so it works the same
 * against a platform on another machine. Settings: {@code --url} or {@code REPARSE_URL} (default
 * {@code http://localhost:4040}); {@code REPARSE_EMAIL} + {@code REPARSE_PASSWORD}, or {@code REPARSE_ACCOUNT_KEY}.
 * The password is read from the environment only, never from the command line, which every user can see.
 */
public final class PlatformCli {
    private static final String USAGE = """
        usage: ./reparse apps [list]                 the account's apps: ID, name, ready, serverURL
               ./reparse apps create NAME            a new app; prints it with its keys and serverURL
               ./reparse apps delete APP_ID          stops the app and drops its data
               ./reparse logs --app APP_ID [-f] [--level info|error] [--search TEXT] [-n 100]
                                                     the app's request log, oldest of the n newest first; -f follows
        options: --url URL (REPARSE_URL, default http://localhost:4040), --email E (REPARSE_EMAIL);
                 the password comes from REPARSE_PASSWORD, or an account key from REPARSE_ACCOUNT_KEY""";
    private static final long FOLLOW_MILLIS = 2000;
    private final PrintStream out;
    private final Map<String, String> env;

    PlatformCli(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public static void main(String[] args) {
        try {
            new PlatformCli(System.out, System.getenv()).run(List.of(args));
        } catch (PlatformApi.CliException | IllegalArgumentException e) {
            System.err.println("reparse: " + e.getMessage());
            System.exit(e instanceof IllegalArgumentException ? 2 : 1);
        }
    }

    void run(List<String> args) {
        Options options = Options.parse(args);
        if (options.positional.isEmpty() || options.flags.contains("help")) {
            out.println(USAGE);
            return;
        }
        String url = options.value("url", setting("REPARSE_URL"));
        PlatformApi api = new PlatformApi(URI.create(url == null ? "http://localhost:4040" : url), credentials(options));
        List<String> words = options.positional;
        switch (words.getFirst()) {
            case "apps" -> apps(api, words.subList(1, words.size()));
            case "logs" -> logs(api, options);
            default -> throw new IllegalArgumentException("unknown command " + words.getFirst() + "\n" + USAGE);
        }
    }

    private Map<String, String> credentials(Options options) {
        String accountKey = setting("REPARSE_ACCOUNT_KEY");
        String email = options.value("email", setting("REPARSE_EMAIL"));
        String password = setting("REPARSE_PASSWORD");
        if (email != null && password != null) {
            return Map.of("X-Parse-Email", email, "X-Parse-Password", password);
        }
        if (accountKey != null) {
            return Map.of("X-Parse-Account-Key", accountKey);
        }
        throw new IllegalArgumentException("set REPARSE_EMAIL and REPARSE_PASSWORD (or REPARSE_ACCOUNT_KEY) to the "
            + "account's credentials");
    }

    /** An environment variable; set but empty counts as unset. */
    private String setting(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private void apps(PlatformApi api, List<String> words) {
        String action = words.isEmpty() ? "list" : words.getFirst();
        switch (action) {
            case "list" -> {
                for (JsonNode app : api.get("/api/v1/apps", Map.of()).path("results")) {
                    out.println(String.join("  ", app.path("applicationId").asText(), app.path("appName").asText(),
                        app.path("status").path("ready").asBoolean() ? "ready" : "provisioning",
                        app.path("serverURL").asText("")));
                }
            }
            case "create" -> {
                if (words.size() != 2) {
                    throw new IllegalArgumentException("apps create needs one NAME (quote a name with spaces)");
                }
                out.println(PlatformApi.pretty(api.post("/api/v1/apps", Map.of("appName", words.get(1)))));
            }
            case "delete" -> {
                if (words.size() != 2) {
                    throw new IllegalArgumentException("apps delete needs one APP_ID");
                }
                api.delete("/api/v1/apps/" + words.get(1));
                out.println("deleted " + words.get(1));
            }
            default -> throw new IllegalArgumentException("unknown apps action " + action + "\n" + USAGE);
        }
    }

    private void logs(PlatformApi api, Options options) {
        String app = options.value("app", null);
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("logs needs --app APP_ID");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("n", options.value("n", "100"));
        query.put("level", options.value("level", "info"));
        String search = options.value("search", options.value("q", null));
        if (search != null) {
            query.put("q", search);
        }
        String path = "/api/v1/apps/" + app + "/logs";
        Set<String> shown = new LinkedHashSet<>();
        while (true) {
            List<JsonNode> lines = new ArrayList<>();
            api.get(path, query).path("results").forEach(lines::add);
            for (JsonNode line : lines.reversed()) {
                if (shown.add(line.toString())) {
                    out.println(format(line));
                }
            }
            out.flush();
            if (!options.flags.contains("f")) {
                return;
            }
            // remember only what the next answer can repeat
            List<String> recent = lines.stream().map(JsonNode::toString).toList();
            shown.retainAll(recent);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(FOLLOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformApi.CliException("interrupted");
        }
    }

    /** {@code 2026-12-03T10:00:01Z ERROR GET /parse/classes/A 403 unauthorized: no client key (1 ms)}. */
    static String format(JsonNode line) {
        StringBuilder text = new StringBuilder()
            .append(line.path("time").asText()).append(' ')
            .append(String.format("%-5s", line.path("level").asText().toUpperCase(java.util.Locale.ROOT))).append(' ')
            .append(line.path("method").asText()).append(' ').append(line.path("path").asText()).append(' ')
            .append(line.path("status").asInt());
        if (line.hasNonNull("code")) {
            text.append(" code ").append(line.path("code").asInt());
        }
        if (line.hasNonNull("error")) {
            text.append(' ').append(line.path("error").asText());
        }
        return text.append(" (").append(line.path("ms").asLong()).append(" ms)").toString();
    }

    /** Words, {@code --name value} options and the {@code -f} flag. */
    private record Options(List<String> positional, Map<String, String> values, Set<String> flags) {
        private static final Set<String> WITH_VALUE = Set.of("url", "email", "app", "level", "search", "q", "n");

        static Options parse(List<String> args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> flags = new LinkedHashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("-f") || arg.equals("--follow")) {
                    flags.add("f");
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    flags.add("help");
                } else if (arg.startsWith("-")) {
                    String name = arg.replaceFirst("^--?", "");
                    String value = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    }
                    if (name.equals("password")) {
                        throw new IllegalArgumentException("the password is read from REPARSE_PASSWORD only: the "
                            + "command line is visible to every user of the machine");
                    }
                    if (!WITH_VALUE.contains(name)) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    values.put(name, value);
                } else {
                    positional.add(arg);
                }
            }
            return new Options(positional, values, flags);
        }

        String value(String name, String otherwise) {
            return values.getOrDefault(name, otherwise);
        }
    }
}
