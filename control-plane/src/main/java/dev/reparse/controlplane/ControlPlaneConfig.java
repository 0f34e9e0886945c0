package dev.reparse.controlplane;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The control plane's settings ({@code reparse.*}, or {@code REPARSE_*} in the environment). The HTTP port is
 * Quarkus' own {@code quarkus.http.port} (default 4040); the database is {@code quarkus.datasource.*}, and when no
 * {@code quarkus.datasource.reactive.url} is given the launcher starts an embedded PostgreSQL (local mode).
 */
@ConfigMapping(prefix = "reparse")
public interface ControlPlaneConfig {

    /** Where local mode keeps its state: the embedded PostgreSQL cluster and the generated internal token. */
    @WithDefault(".reparse/data")
    Path dataDir();

    /**
     * The shared secret the router (and other internal callers) send as {@code X-Reparse-Internal-Token}; in local mode
     * one is generated into {@code <data dir>/internal-token} when none is given. Without one, internal routes refuse
     * every caller.
     */
    Optional<String> internalToken();

    /**
     * The token operators send as {@code X-Reparse-Operator-Token} to the operator API ({@code /api/v1/operator/...});
     * in local mode one is generated into {@code <data dir>/operator-token} when none is given. Without one, the
     * operator API refuses every caller.
     */
    Optional<String> operatorToken();

    /**
     * The platform key app keys are sealed with at rest (AES-256-GCM): 32 random bytes as 64 hex digits or base64. In
     * production it comes from a Kubernetes Secret or a KMS as {@code REPARSE_PLATFORM_KEY}; in local mode one is
     * generated into {@code <data dir>/platform-key} (0600) when none is given. Required: without it the control plane
     * does not start.
     */
    Optional<String> platformKey();

    /** The console's public base URL, from which each app's {@code dashboardURL} is built. */
    @WithDefault("http://localhost:4040")
    String publicUrl();

    /**
     * The public URL of the apps' Parse API, which each app's {@code serverURL} answers (what the SDKs and Parse
     * Dashboard are given), e.g. {@code https://api.example.com/parse}; {@code {subdomain}} in it stands for the app's
     * subdomain, for a router that finds apps by host ({@code https://{subdomain}.apps.example.com/parse}). Unset: the
     * local router's, {@code http://<reparse.router.local-host>:<reparse.router.local-port>/parse}.
     */
    Optional<String> publicApiUrl();

    /** Console identity. */
    Identity identity();

    /** Provisioning. */
    Provisioning provisioning();

    /** The router, polled for usage counters. */
    Router router();

    /** Defaults and policies for apps. */
    Apps apps();

    /** Console sessions. */
    Sessions sessions();

    /** Scheduled Cloud Code jobs. */
    Jobs jobs();

    /** Apps' Cloud Code uploads. */
    CloudCode cloudCode();

    /** Limits per account. */
    Accounts accounts();

    /** Limits of the whole platform. */
    Platform platform();

    /** Brakes on guessing passwords and account keys. */
    LoginThrottle loginThrottle();

    /** Limits per account ({@code reparse.accounts.*}); the plan's limits replace these once billing lands. */
    interface Accounts {
        /** The most live apps one account may have (each runs its own runtime of about 175 MB). */
        @WithDefault("10")
        int maxApps();
    }

    /** Platform capacity ({@code reparse.platform.*}): new apps are refused once it is reached. */
    interface Platform {
        /** The most live apps on the whole platform, all accounts together. */
        @WithDefault("100")
        int maxApps();

        /**
         * Local backend: the memory the machine must still have available (Linux {@code MemAvailable}) to take a new
         * app, whose runtime needs about 175 MB; 0 turns the check off.
         */
        @WithDefault("256M")
        MemorySize minAvailableMemory();
    }

    /**
     * Failed-login brakes ({@code reparse.login-throttle.*}), kept in PostgreSQL so every replica sees them. Counted per
     * (account, client address) and per client address; see {@code accounts.LoginThrottle} for why not per account.
     */
    interface LoginThrottle {
        /** Failed logins for one account from one client address before that pair is locked out. */
        @WithDefault("5")
        int maxFailures();

        /** Failed logins from one client address, any accounts and wrong account keys together, before it is locked out. */
        @WithDefault("50")
        int addressMaxFailures();

        /** How long failures are remembered: a count starts over after this long without a failure. */
        @WithDefault("15m")
        Duration window();

        /** The first lockout; each failure after a lockout doubles it, up to {@code max-lock}. */
        @WithDefault("1m")
        Duration lock();

        /** The longest lockout. */
        @WithDefault("15m")
        Duration maxLock();
    }

    /** The mail server every hosted app sends password reset and verification mail through. */
    Email email();

    /**
     * The platform's mail settings ({@code reparse.email.*}). The password comes from the environment
     * ({@code REPARSE_EMAIL_SMTP_PASSWORD}) or a config file, never the command line; runtimes get it in their 0600
     * settings file.
     */
    interface Email {
        /** The SMTP server; unset: apps send no mail, and reset and verification requests answer Parse error 1. */
        Smtp smtp();

        /** The sender address of every app's mail (each app sets its own sender name); required with an SMTP host. */
        Optional<String> fromAddress();
    }

    /** An SMTP server. */
    interface Smtp {
        /** Host name. */
        Optional<String> host();

        /** Port: 587 submission with STARTTLS, 465 TLS, 25 relay. */
        @WithDefault("587")
        int port();

        /** {@code none}, {@code starttls} or {@code tls}. */
        @WithDefault("starttls")
        String tls();

        /** Login, if the server wants one. */
        Optional<String> username();

        /** Password of the login. */
        Optional<String> password();
    }

    /** Console identity settings. */
    interface Identity {
        /** Which {@link dev.reparse.controlplane.identity.IdentityProvider} checks console credentials. */
        @WithDefault("builtin")
        IdentityProviderKind provider();

        /** bcrypt cost factor of the built-in provider's password hashes (2^cost rounds). */
        @WithDefault("10")
        int bcryptCost();

        /** The Keycloak provider's settings, read only when {@code provider=keycloak}. */
        Keycloak keycloak();
    }

    /**
     * Keycloak settings ({@code reparse.identity.keycloak.*}). Secrets (admin password, client secret) come from the
     * environment, e.g. {@code REPARSE_IDENTITY_KEYCLOAK_ADMIN_PASSWORD}, never from application.properties.
     */
    interface Keycloak {
        /** Keycloak's base URL as the control plane reaches it, e.g. {@code http://keycloak:8080}; required for keycloak. */
        Optional<URI> serverUrl();

        /** The realm that holds console users; created at start when missing. */
        @WithDefault("reparse")
        String realm();

        /** The public OIDC client the console logs in with (password grant and authorization code + PKCE). */
        @WithDefault("reparse-console")
        String consoleClientId();

        /** The realm the admin credentials belong to. */
        @WithDefault("master")
        String adminRealm();

        /** The client the admin credentials are used with ({@code admin-cli} for a user, a confidential client otherwise). */
        @WithDefault("admin-cli")
        String adminClientId();

        /** Admin user name (password grant); leave unset to authenticate with the admin client's secret instead. */
        Optional<String> adminUsername();

        /** Admin user password. */
        Optional<String> adminPassword();

        /** Secret of a confidential admin client (client-credentials grant, service account with realm-admin rights). */
        Optional<String> adminClientSecret();

        /** Timeout of each request to Keycloak: OIDC calls (connect and answer) and Admin Client calls (whole call). */
        @WithDefault("10s")
        Duration requestTimeout();

        /**
         * Whether signup marks the new Keycloak user's email verified. The control plane sends no verification mail, and
         * the console's OIDC login accepts only verified emails.
         */
        @WithDefault("true")
        boolean emailVerified();
    }

    /** The identity provider implementations. */
    enum IdentityProviderKind {
        /** bcrypt hashes in the control plane's PostgreSQL. */
        BUILTIN,
        /** A Keycloak realm, through its Admin Client and OIDC. */
        KEYCLOAK
    }

    /** Provisioning settings. */
    interface Provisioning {
        /** Which provisioner backend reconciles apps: {@code local} (child JVMs) or the name of another registered one. */
        @WithDefault("local")
        String backend();

        /**
         * Local backend: the tenant runtime's build (its {@code quarkus-app} folder), which every app's runtime JVM
         * runs; it also holds the embedded MongoDB-wire server, with s3proxy's jar next to it. {@code ./reparse up}
         * passes the repository's; relative paths resolve against the working directory.
         */
        @WithDefault("tenant-runtime/target/quarkus-app")
        Path runtimeApp();

        /** Local backend: the router's build ({@code quarkus-app}); by default the router module's next to the runtime's. */
        Optional<Path> routerApp();

        /**
         * Local backend: how long a deleted app's folder under the data dir (its runtime's log) is kept before it is
         * removed; {@code 0} removes it at the next sweep, within seconds.
         */
        @WithDefault("7d")
        Duration deletedAppRetention();
    }

    /** Router settings. */
    interface Router {
        /** The router's base URL (e.g. {@code http://127.0.0.1:1337}); usage is polled only when it is set. */
        Optional<URI> url();

        /**
         * Local backend: the port of the router the control plane starts and supervises (the public Parse API, served
         * under {@code /parse}); 0 starts none. Local mode points {@code reparse.router.url} at it unless that is set.
         */
        @WithDefault("1337")
        int localPort();

        /**
         * Local backend: the address that router listens on. Loopback, so a laptop's platform is not reachable from
         * its network, unless {@code ./reparse up --host} says otherwise (e.g. {@code 0.0.0.0}).
         */
        @WithDefault("127.0.0.1")
        String localHost();

        /**
         * The Parse API's public URL with its mount (e.g. {@code https://api.example.com/parse}), which links in apps'
         * mails start with; by default the router's URL with {@code /parse}.
         */
        Optional<String> publicUrl();

        /** How often the router's usage counters are polled. */
        @WithDefault("10s")
        Duration usagePollInterval();
    }

    /** App settings. */
    interface Apps {
        /** The request limit a new app gets (parse.com's free plan: 30 requests per second). */
        @WithDefault("30")
        int defaultRequestsPerSecond();

        /** How long a replaced master key keeps working, so clients can switch without downtime. */
        @WithDefault("10m")
        Duration masterKeyGracePeriod();

        /** The highest {@code requestsPerSecond} an account may give its app; by default the new apps' limit. */
        java.util.OptionalInt maxRequestsPerSecond();

        /**
         * The writable app fields accounts may change (e.g. {@code appName,clientKeysRequired,verifyUserEmails});
         * unset: all of them. A field left out answers 403 naming it.
         */
        Optional<java.util.Set<String>> accountSettable();
    }

    /**
     * Cloud Code upload settings ({@code reparse.cloud-code.*}). Uploads bigger than {@code quarkus.http.limits.max-body-size}
     * (20M) are cut by the HTTP server before these checks: raise both together.
     */
    interface CloudCode {
        /** The largest upload: a {@code main.js} or a zip as sent. */
        @WithDefault("10M")
        MemorySize maxUploadSize();

        /** The largest total size of a zip's files once unpacked. */
        @WithDefault("100M")
        MemorySize maxUnpackedSize();

        /** The most files a zip may hold (folders not counted). */
        @WithDefault("5000")
        int maxFiles();

        /**
         * How many of an app's latest releases (versions) are kept; older ones are deleted after an upload, content
         * and all. The active release is never deleted.
         */
        @WithDefault("20")
        int keepReleases();

        /** How releases' npm dependencies are installed at deploy time ({@code reparse.cloud-code.npm.*}). */
        Npm npm();

        /** The deployer's {@code npm ci}: see provisioning's {@code NpmOptions}. */
        interface Npm {
            /** The npm executable, looked up on the PATH unless it is a path. */
            @WithDefault("npm")
            String command();

            /** Whether packages' install scripts run; off by default, since they run as the control plane's user. */
            @WithDefault("false")
            boolean allowScripts();

            /** The registry packages come from; npm's own configuration when unset. */
            Optional<String> registry();

            /** How long one install may take before it is stopped and the deploy fails. */
            @WithDefault("5m")
            Duration timeout();
        }
    }

    /** Job scheduler settings ({@code reparse.jobs.*}): apps' {@code _JobSchedule} rows are run from here. */
    interface Jobs {
        /** Whether this replica runs schedules at all (one replica at a time does, under a lease). */
        @WithDefault("true")
        boolean enabled();

        /** How often due runs are looked for; a run starts at most this late. The lease lasts three ticks. */
        @WithDefault("15s")
        Duration tick();

        /**
         * How many of an app's jobs may run at once (parse.com's free plan: 1); a run due while that many run is
         * skipped and recorded as skipped. Until plans land, one number for every app.
         */
        @WithDefault("1")
        int maxConcurrentPerApp();

        /** A run planned while no scheduler ran: {@code once} runs it (once, however many were missed) at start, {@code skip} does not. */
        @WithDefault("once")
        CatchUp catchUp();

        /**
         * How long a {@code _JobStatus} row still counts as running: longer than the runtime's job timeout
         * ({@code reparse.cloud.job-timeout}, 15m), so a row a crashed runtime left behind stops blocking the app.
         */
        @WithDefault("20m")
        Duration runningWindow();

        /** How long the record of each scheduled run is kept (each schedule's latest run always is). */
        @WithDefault("30d")
        Duration history();

        /** The Parse API apps are called through; by default the router's ({@code reparse.router.url} + {@code /parse}). */
        Optional<URI> apiUrl();
    }

    /** What the scheduler does with runs planned while none ran. */
    enum CatchUp {
        /** Runs the latest missed run once. */
        ONCE,
        /** Records missed runs as missed and waits for the next. */
        SKIP
    }

    /** Console session settings. */
    interface Sessions {
        /** How long a console session token stays valid. */
        @WithDefault("14d")
        Duration ttl();
    }
}
