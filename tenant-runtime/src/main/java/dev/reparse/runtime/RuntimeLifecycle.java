package dev.reparse.runtime;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.reparse.runtime.authdata.AuthDataValidator;
import dev.reparse.runtime.control.LiveSettings;
import dev.reparse.runtime.control.SettingsFile;
import dev.reparse.runtime.analytics.Analytics;
import dev.reparse.runtime.analytics.AnalyticsConfig;
import dev.reparse.runtime.analytics.EventIngest;
import dev.reparse.runtime.cloud.CloudConfig;
import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.cloud.HooksConfig;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.RequestInfo;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.SettingsSource;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.core.QueryBounds;
import dev.reparse.runtime.accounts.AccountsConfig;
import dev.reparse.runtime.email.EmailConfig;
import dev.reparse.runtime.email.EmailFlows;
import dev.reparse.runtime.email.EmailSetup;
import dev.reparse.runtime.files.FilesConfig;
import dev.reparse.runtime.files.FilesService;
import dev.reparse.runtime.files.FilesSetup;
import dev.reparse.runtime.graphql.GraphQLOptions;
import dev.reparse.runtime.http.ParseApi;
import dev.reparse.runtime.livequery.InProcessBus;
import dev.reparse.runtime.livequery.LiveClasses;
import dev.reparse.runtime.livequery.LiveQueryBus;
import dev.reparse.runtime.livequery.LiveQueryLimits;
import dev.reparse.runtime.livequery.LiveQueryPublisher;
import dev.reparse.runtime.livequery.LiveQueryServer;
import dev.reparse.runtime.livequery.RedisBus;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.EmbeddedMongo;
import dev.reparse.runtime.storage.mongo.MongoEventStore;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.users.AnonymousAuthData;
import dev.reparse.runtime.users.Users;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Brings the app's runtime up (store, schema cache, core, API) off the start-up thread, so {@code
 * /health} can answer 503 while it starts, and takes it down on shutdown.
 */
@ApplicationScoped
public class RuntimeLifecycle {
    private static final Logger LOG = Logger.getLogger(RuntimeLifecycle.class);
    private static final String DEFAULT_DATABASE = "parse";
    private static final Duration SETTINGS_POLL = Duration.ofMillis(500);

    private final RuntimeConfig config;
    private final FilesConfig filesConfig;
    private final EmailConfig emailConfig;
    private final AccountsConfig accountsConfig;
    private final AuthDataValidator authDataValidator;
    private final CloudConfig cloudConfig;
    private final HooksConfig hooksConfig;
    private final AnalyticsConfig analyticsConfig;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("parse-request-", 0).factory());
    private volatile ParseApi api;
    private volatile EmbeddedMongo embeddedMongo;
    private volatile MongoClient mongoClient;
    private volatile FilesService files;
    private volatile LiveSettings liveSettings;
    private volatile EmailSetup.AccountServices accounts;
    private volatile CloudFeature cloud;
    private volatile Analytics analytics;
    private volatile LiveQueryServer liveQuery;
    private volatile LiveQueryBus liveQueryBus;

    /** Third-party logins are checked by the app's {@link AuthDataValidator} bean; without one, only anonymous logins work. */
    RuntimeLifecycle(RuntimeConfig config, FilesConfig filesConfig, EmailConfig emailConfig,
            AccountsConfig accountsConfig, Instance<AuthDataValidator> authDataValidators, CloudConfig cloudConfig,
            HooksConfig hooksConfig, AnalyticsConfig analyticsConfig) {
        this.config = config;
        this.analyticsConfig = analyticsConfig;
        this.cloudConfig = cloudConfig;
        this.hooksConfig = hooksConfig;
        this.filesConfig = filesConfig;
        this.emailConfig = emailConfig;
        this.accountsConfig = accountsConfig;
        this.authDataValidator = authDataValidators.isResolvable() ? authDataValidators.get() : new AnonymousAuthData();
    }

    void start(@Observes StartupEvent event) {
        Thread.ofPlatform().name("runtime-start").start(this::initialize);
    }

    void stop(@Observes ShutdownEvent event) {
        if (liveQuery != null) {
            liveQuery.close();
        }
        if (liveQueryBus != null) {
            liveQueryBus.close();
        }
        executor.shutdown();
        if (cloud != null) {
            cloud.close();
        }
        if (analytics != null) {
            analytics.close();
        }
        if (liveSettings != null) {
            liveSettings.close();
        }
        if (files != null) {
            files.close();
        }
        if (accounts != null) {
            accounts.close();
        }
        if (mongoClient != null) {
            mongoClient.close();
        }
        if (embeddedMongo != null) {
            embeddedMongo.close();
        }
    }

    /** The API once the runtime is ready; {@code null} while it starts. */
    public ParseApi api() {
        return api;
    }

    /** The app's files once the runtime is ready; {@code null} while it starts. */
    public FilesService files() {
        return files;
    }

    /** The app's email flows (verification, password reset) once the runtime is ready; {@code null} while it starts. */
    public EmailFlows emailFlows() {
        EmailSetup.AccountServices services = accounts;
        return services == null ? null : services.email();
    }

    /** The app's LiveQuery server once the runtime is ready; {@code null} while it starts. */
    public LiveQueryServer liveQuery() {
        return liveQuery;
    }

    /** Where requests run: one virtual thread each. */
    public ExecutorService executor() {
        return executor;
    }

    private void initialize() {
        MDC.put("appId", config.appId());
        try {
            ConnectionString uri = connectionString();
            mongoClient = MongoClients.create(uri);
            String database = uri.getDatabase() == null ? DEFAULT_DATABASE : uri.getDatabase();
            MongoStorageAdapter storage = new MongoStorageAdapter(mongoClient.getDatabase(database), Clock.systemUTC(),
                    config.query().maxTime());
            AppContext app = new AppContext(settings(), storage, new SchemaController(storage), Clock.systemUTC(),
                    new ObjectIds(new SecureRandom()));
            ParseCore core = new ParseCore(app);
            core.initialize();
            files = FilesSetup.start(filesConfig, config.appId(), dataDir(),
                    mongoClient.getDatabase(database));
            accounts = EmailSetup.start(emailConfig, accountsConfig, app, EmailSetup.bcrypt(), localServerUrl());
            String serverUrl = emailConfig.publicServerUrl().orElse(localServerUrl());
            cloud = CloudFeature.create(core, new CloudFeature.Setup(cloudConfig, hooksConfig, config.appId(), serverUrl,
                    () -> app.settings().keys().webhookKey()), executor, Clock.systemUTC());
            Users users = Users.install(core, authDataValidator, accounts.login());
            ParseApi parseApi = new ParseApi(core, users, mountPath(), accounts.email(), cloud);
            parseApi.useFiles(files, config.appId());
            MongoEventStore events = new MongoEventStore(mongoClient.getDatabase(database));
            analytics = new Analytics(events, new EventIngest(events, analyticsConfig, Clock.systemUTC(), config.appId()),
                    Clock.systemUTC());
            parseApi.useAnalytics(analytics);
            parseApi.useGraphQL(new GraphQLOptions(config.graphql().publicIntrospection(), config.graphql().maxDepth(),
                    config.graphql().maxFields()));
            cloud.attach((method, path, body, master, token, installationId, context) -> parseApi.handleFromCode(
                    method, path, body, master, token, installationId, new RequestInfo(context, null, Map.of(), serverUrl)));
            liveQuery = startLiveQuery(core, parseApi, users);
            api = parseApi;
            accounts.registerAfterUsers(app);
            LOG.infof("Parse API for app %s ready at %s (database %s)", config.appId(), mountPath(), database);
        } catch (RuntimeException e) {
            LOG.error("the runtime could not start", e);
            io.quarkus.runtime.Quarkus.asyncExit(1);
        }
    }

    /** The app's writes of live classes go onto its bus, and its LiveQuery server hears them there. */
    private LiveQueryServer startLiveQuery(ParseCore core, ParseApi parseApi, Users users) {
        Optional<String> redisUrl = config.liveQuery().redisUrl()
                .or(() -> LiveClasses.redisUrl(config.liveQuery().parseServerOptions()));
        LiveQueryBus bus = redisUrl.<LiveQueryBus>map(url -> new RedisBus(java.net.URI.create(url), config.appId()))
                .orElseGet(InProcessBus::new);
        liveQueryBus = bus;
        java.util.function.Supplier<java.util.Set<String>> liveClasses = () -> core.app().settings().liveQueryClasses();
        core.useWriteEvents(new LiveQueryPublisher(liveClasses, bus));
        return new LiveQueryServer(new LiveQueryServer.Setup(core, liveClasses, parseApi::liveQueryMaster,
                users::authenticate, LiveQueryLimits.of(config.liveQuery()), bus, cloud.liveQueryHooks(), executor,
                parseApi::fillFileUrls));
    }

    private ConnectionString connectionString() {
        if (config.mongoUri().isPresent()) {
            return new ConnectionString(config.mongoUri().get());
        }
        embeddedMongo = EmbeddedMongo.start(dataDir(), 0);
        LOG.infof("embedded MongoDB-wire server on %s, data in %s", embeddedMongo.connectionString(), dataDir());
        return new ConnectionString(embeddedMongo.connectionString() + "/" + DEFAULT_DATABASE);
    }

    /** The data dir as an absolute, normalized path: the embedded S3 store refuses paths with {@code ./} in them. */
    private Path dataDir() {
        return Path.of(config.dataDir()).toAbsolutePath().normalize();
    }

    /** The settings file's, kept current, when one is configured; else the options', fixed. */
    private SettingsSource settings() {
        AppSettings.Limits limits = new AppSettings.Limits(config.maxLimit(), config.batchRequestLimit(),
                config.maxQueryDepth(), queryBounds());
        AppSettings.Access access = new AppSettings.Access(config.allowClientClassCreation(), true,
                config.enforcePrivateUsers());
        AppSettings.Sessions sessions = new AppSettings.Sessions(java.time.Duration.ofSeconds(config.sessionLength()),
                config.expireInactiveSessions(), config.revokeSessionOnPasswordChange());
        java.util.Set<String> liveClasses = LiveClasses.of(config.liveQuery().classes(),
                config.liveQuery().parseServerOptions());
        if (config.configFile().isPresent()) {
            SettingsFile.Defaults defaults = new SettingsFile.Defaults(config.appId(), limits, access, sessions,
                    liveClasses);
            liveSettings = LiveSettings.watch(Path.of(config.configFile().get()), defaults, SETTINGS_POLL);
            LOG.infof("keys and settings from %s, re-read on change", config.configFile().get());
            return liveSettings;
        }
        String masterKey = config.masterKey().orElseThrow(() -> new IllegalArgumentException(
                "the runtime needs a master key (reparse.master-key, PARSE_SERVER_MASTER_KEY) or a settings file "
                + "(reparse.config-file)"));
        AppSettings.Keys keys = new AppSettings.Keys(masterKey, config.readOnlyMasterKey(),
                config.javascriptKey(), config.restKey(), config.clientKey(), config.dotnetKey(), Optional.empty(),
                config.webhookKey());
        AppSettings fixed = new AppSettings(config.appId(), keys, limits, access, sessions, liveClasses);
        return () -> fixed;
    }

    private QueryBounds queryBounds() {
        QueryConfig query = config.query();
        return new QueryBounds(query.maxRegexLength(), query.rejectRiskyRegex(), query.maxInValues(), query.maxSkip());
    }

    /** The API's URL on this machine, for mailed links when no public URL is configured. */
    private String localServerUrl() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.port", Integer.class).orElse(1337);
        return "http://localhost:" + port + mountPath();
    }

    /** The path the API is served under, with a leading and no trailing slash. */
    public String mountPath() {
        String mount = config.mount().startsWith("/") ? config.mount() : "/" + config.mount();
        return mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    }
}
