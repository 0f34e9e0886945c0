package dev.reparse.controlplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./reparse apps}, {@code logs}, {@code deploy}, {@code releases} and {@code rollback}: the running platform
 * from the command line, through the control plane's Apps API with an account's credentials (never by reading its
 * data dir), so it works the same against a platform on another machine. Settings: {@code --url} or {@code REPARSE_URL} (default
 * {@code http://localhost:4040}); {@code REPARSE_EMAIL} + {@code REPARSE_PASSWORD}, or {@code REPARSE_ACCOUNT_KEY}, or
 * else the console session {@code ./reparse login} stored for that URL ({@link StoredLogins}). The password is read
 * from the environment or typed at a prompt, never taken from the command line, which every user can see.
 */
public final class PlatformCli {
    private static final String USAGE = """
        usage: ./reparse login [--email E]            asks for the password (or takes REPARSE_PASSWORD) and keeps
                                                     a console session for --url in ~/.reparse/credentials.json
               ./reparse logout                      ends that session and forgets it
               ./reparse apps [list]                 the account's apps: ID, name, ready, serverURL
               ./reparse apps create NAME            a new app; prints it with its keys and serverURL
               ./reparse apps delete APP_ID          stops the app and drops its data
               ./reparse logs --app APP_ID [-f] [--level info|error] [--search TEXT] [-n 100]
                                                     the app's request log, oldest of the n newest first; -f follows
               ./reparse deploy [DIR|main.js|code.zip] --app APP_ID [-m MESSAGE]
                                                     uploads the Cloud Code (DIR, default .: cloud/ or main.js,
                                                     package.json, package-lock.json, public/) as a new release
                                                     and waits until the app runs it
               ./reparse releases --app APP_ID       the app's releases, newest first
               ./reparse rollback --app APP_ID [VERSION]
                                                     makes VERSION (default: the one before the active one) the
                                                     app's code again and waits until the app runs it
        options: --url URL (REPARSE_URL, default http://localhost:4040), --email E (REPARSE_EMAIL);
                 the password comes from REPARSE_PASSWORD, or an account key from REPARSE_ACCOUNT_KEY; without
                 them, the login ./reparse login stored for the URL (REPARSE_CONFIG_DIR moves ~/.reparse)""";
    private static final long FOLLOW_MILLIS = 2000;
    private static final long DEPLOY_POLL_MILLIS = 250;
    private static final long DEPLOY_WAIT_MILLIS = 180_000;
    private final PrintStream out;
    private final Map<String, String> env;
    private final Prompt prompt;

    /** Asks the user for a line; {@code secret}: without echo. */
    interface Prompt {
        String ask(String question, boolean secret);
    }

    PlatformCli(PrintStream out, Map<String, String> env) {
        this(out, env, PlatformCli::askTerminal);
    }

    PlatformCli(PrintStream out, Map<String, String> env, Prompt prompt) {
        this.out = out;
        this.env = env;
        this.prompt = prompt;
    }

    /** The terminal when there is one (the password without echo), else a line of standard input. */
    private static String askTerminal(String question, boolean secret) {
        Console console = System.console();
        if (console != null) {
            if (secret) {
                char[] typed = console.readPassword("%s", question);
                return typed == null ? null : new String(typed);
            }
            return console.readLine("%s", question);
        }
        System.err.print(question);
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
        } catch (IOException e) {
            return null;
        }
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
        String given = options.value("url", setting("REPARSE_URL"));
        String url = (given == null ? "http://localhost:4040" : given).replaceAll("/+$", "");
        List<String> words = options.positional;
        if (words.getFirst().equals("login")) {
            login(url, options);
            return;
        }
        if (words.getFirst().equals("logout")) {
            logout(url);
            return;
        }
        PlatformApi api = credentials(options, url);
        switch (words.getFirst()) {
            case "apps" -> apps(api, words.subList(1, words.size()));
            case "logs" -> logs(api, options);
            case "deploy" -> deploy(api, options);
            case "releases" -> releases(api, options);
            case "rollback" -> rollback(api, options);
            default -> throw new IllegalArgumentException("unknown command " + words.getFirst() + "\n" + USAGE);
        }
    }

    /** The API with the caller's credentials: the environment's first, else the login stored for {@code url}. */
    private PlatformApi credentials(Options options, String url) {
        URI base = URI.create(url);
        String accountKey = setting("REPARSE_ACCOUNT_KEY");
        String email = options.value("email", setting("REPARSE_EMAIL"));
        String password = setting("REPARSE_PASSWORD");
        if (email != null && password != null) {
            return new PlatformApi(base, Map.of("X-Parse-Email", email, "X-Parse-Password", password));
        }
        if (accountKey != null) {
            return new PlatformApi(base, Map.of("X-Parse-Account-Key", accountKey));
        }
        StoredLogins logins = logins();
        StoredLogins.Login login = logins.get(url).orElseThrow(() -> new IllegalArgumentException(
            "set REPARSE_EMAIL and REPARSE_PASSWORD (or REPARSE_ACCOUNT_KEY) to the account's credentials, or run "
                + "./reparse login" + (url.equals("http://localhost:4040") ? "" : " --url " + url)));
        if (login.expired(Instant.now())) {
            throw new PlatformApi.CliException("the login of " + login.email() + " to " + url + " expired at "
                + login.expiresAt() + "; run ./reparse login again");
        }
        return new PlatformApi(base, Map.of("Authorization", "Bearer " + login.sessionToken()),
            "the login of " + login.email() + " stored in " + logins.file() + " is no longer valid: run ./reparse login");
    }

    private StoredLogins logins() {
        String folder = setting("REPARSE_CONFIG_DIR");
        return new StoredLogins(folder != null ? Path.of(folder) : Path.of(System.getProperty("user.home"), ".reparse"));
    }

    /** {@code ./reparse login}: a console session for {@code url}, kept until it expires or {@code logout}. */
    private void login(String url, Options options) {
        String email = options.value("email", setting("REPARSE_EMAIL"));
        if (email == null) {
            email = prompt.ask("Email: ", false);
        }
        String password = setting("REPARSE_PASSWORD");
        if (password == null) {
            password = prompt.ask("Password for " + email + ": ", true);
        }
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("login needs an email and a password");
        }
        PlatformApi api = new PlatformApi(URI.create(url), Map.of(), "wrong email or password");
        JsonNode session = api.post("/api/v1/sessions", Map.of("email", email.trim(), "password", password));
        String expires = session.path("expiresAt").asText("");
        StoredLogins logins = logins();
        logins.put(url, new StoredLogins.Login(session.path("email").asText(email.trim()),
            session.path("sessionToken").asText(), expires.isEmpty() ? null : Instant.parse(expires)));
        out.println("logged in to " + url + " as " + session.path("email").asText(email.trim())
            + (expires.isEmpty() ? "" : " until " + expires) + " (kept in " + logins.file() + ")");
    }

    /** {@code ./reparse logout}: ends the stored session on the control plane and forgets it. */
    private void logout(String url) {
        StoredLogins logins = logins();
        Optional<StoredLogins.Login> login = logins.get(url);
        if (login.isEmpty()) {
            out.println("no login stored for " + url);
            return;
        }
        try {
            new PlatformApi(URI.create(url), Map.of("Authorization", "Bearer " + login.get().sessionToken()))
                .delete("/api/v1/sessions/current");
        } catch (PlatformApi.CliException e) {
            out.println("the control plane did not end the session (" + e.getMessage() + "); forgetting it anyway");
        }
        logins.remove(url);
        out.println("logged out of " + url);
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

    private static String app(Options options) {
        String app = options.value("app", null);
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException(options.positional.getFirst() + " needs --app APP_ID");
        }
        return app;
    }

    private void deploy(PlatformApi api, Options options) {
        String app = app(options);
        if (options.positional.size() > 2) {
            throw new IllegalArgumentException("deploy takes one folder or file");
        }
        Path source = Path.of(options.positional.size() == 2 ? options.positional.get(1) : ".");
        DeployBundle bundle = DeployBundle.of(source);
        Map<String, String> query = new LinkedHashMap<>();
        String message = options.value("m", options.value("message", null));
        if (message != null) {
            query.put("message", message);
        }
        long started = System.nanoTime();
        JsonNode release = api.upload("/api/v1/apps/" + app + "/releases", query, bundle.contentType(),
            bundle.content());
        long version = release.path("version").asLong();
        out.println("uploaded version " + version + " (" + release.path("files").asInt() + " files, "
            + release.path("size").asLong() + " bytes, sha256 " + release.path("sha256").asText() + ")");
        out.flush();
        awaitDeployed(api, app, version, release.path("generation").asLong(), started);
    }

    private void releases(PlatformApi api, Options options) {
        for (JsonNode release : api.get("/api/v1/apps/" + app(options) + "/releases", Map.of()).path("results")) {
            out.println(describe(release));
        }
    }

    /** {@code v2 * 2026-12-03T10:00:01Z me@example.com 1234 B  fix the hook}; the star marks the active one. */
    static String describe(JsonNode release) {
        String message = release.path("message").asText("");
        return String.join("  ", "v" + release.path("version").asLong(), release.path("active").asBoolean() ? "*" : " ",
            release.path("uploadedAt").asText(), release.path("uploadedBy").asText(),
            release.path("size").asLong() + " B") + (message.isEmpty() ? "" : "  " + message);
    }

    private void rollback(PlatformApi api, Options options) {
        String app = app(options);
        List<JsonNode> releases = new ArrayList<>();
        api.get("/api/v1/apps/" + app + "/releases", Map.of()).path("results").forEach(releases::add);
        long target;
        if (options.positional.size() == 2) {
            try {
                target = Long.parseLong(options.positional.get(1).replaceFirst("^v", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rollback takes a version number, not " + options.positional.get(1));
            }
        } else {
            target = previous(releases);
        }
        long started = System.nanoTime();
        JsonNode release = api.post("/api/v1/apps/" + app + "/releases/" + target + "/activate", null);
        out.println("version " + target + " is the active release");
        out.flush();
        long generation = api.get("/api/v1/apps/" + app, Map.of()).path("generation").asLong();
        awaitDeployed(api, app, release.path("version").asLong(), generation, started);
    }

    /** The release just older than the active one (the list is newest first). */
    static long previous(List<JsonNode> releases) {
        Long active = null;
        for (JsonNode release : releases) {
            if (active != null) {
                return release.path("version").asLong();
            }
            if (release.path("active").asBoolean()) {
                active = release.path("version").asLong();
            }
        }
        throw new PlatformApi.CliException(active == null ? "the app has no active release"
            : "there is no release before version " + active + " to roll back to");
    }

    /**
     * Polls the app until provisioning has rolled out {@code generation} and its CloudCode condition says the
     * version is deployed (its runtime runs it); fails when the condition says it failed (a release that does not
     * install or does not load: {@code version N failed to load: SyntaxError …; version M keeps serving}), or after
     * {@link #DEPLOY_WAIT_MILLIS}. A False condition about another version (a pass that failed before the CloudCode
     * step) is not this deploy's answer.
     */
    private void awaitDeployed(PlatformApi api, String app, long version, long generation, long started) {
        long deadline = System.nanoTime() + DEPLOY_WAIT_MILLIS * 1_000_000;
        String expected = "version " + version + " is deployed";
        while (true) {
            JsonNode status = api.get("/api/v1/apps/" + app, Map.of()).path("status");
            JsonNode code = null;
            for (JsonNode condition : status.path("conditions")) {
                if (condition.path("type").asText().equals("CloudCode")) {
                    code = condition;
                }
            }
            boolean rolledOut = status.path("observedGeneration").asLong() >= generation;
            if (rolledOut && code != null && code.path("message").asText().startsWith(expected)) {
                out.printf(java.util.Locale.ROOT, "version %d deployed in %.1f s%n", version,
                    (System.nanoTime() - started) / 1e9);
                return;
            }
            String message = code == null ? "" : code.path("message").asText();
            boolean aboutThis = message.startsWith("version " + version + " ") || !message.startsWith("version ");
            if (rolledOut && code != null && code.path("status").asText().equals("False") && aboutThis) {
                throw new PlatformApi.CliException(message.startsWith("version " + version + " failed") ? message
                    : "version " + version + " failed to deploy: " + message);
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformApi.CliException("version " + version + " is not deployed after "
                    + DEPLOY_WAIT_MILLIS / 1000 + " s; see ./reparse apps and the app's status");
            }
            sleep(DEPLOY_POLL_MILLIS);
        }
    }

    private void logs(PlatformApi api, Options options) {
        String app = app(options);
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
            sleep(FOLLOW_MILLIS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
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
        private static final Set<String> WITH_VALUE = Set.of("url", "email", "app", "level", "search", "q", "n",
            "m", "message");

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
