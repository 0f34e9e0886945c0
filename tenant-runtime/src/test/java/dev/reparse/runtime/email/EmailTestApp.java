package dev.reparse.runtime.email;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.accounts.AccountRules;
import dev.reparse.runtime.accounts.LoginGuard;
import dev.reparse.runtime.accounts.PasswordChanges;
import dev.reparse.runtime.accounts.PasswordHashes;
import dev.reparse.runtime.accounts.UserRecords;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.http.ApiRequest;
import dev.reparse.runtime.http.ApiResponse;
import dev.reparse.runtime.http.ParseApi;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import dev.reparse.runtime.users.AnonymousAuthData;
import dev.reparse.runtime.users.Users;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One app wired as the runtime wires it (core, users, email flows and their {@code _User} hooks)
 * on a fresh database of the shared test Mongo, mailing through a real SMTP server.
 */
final class EmailTestApp {
    static final String APP_ID = "mailapp";
    static final PasswordHashes BCRYPT = EmailSetup.bcrypt();

    final TestClock clock = new TestClock();
    final ParseApi api;
    final EmailFlows flows;
    final UserRecords users;
    final Outbox outbox;
    private final String baseUrl;

    EmailTestApp(AccountRules rules, EmailSettings settings, SmtpSettings smtp, String baseUrl) {
        this.baseUrl = baseUrl;
        MongoStorageAdapter storage = new MongoStorageAdapter(TestMongo.freshDatabase("email"));
        AppContext app = new AppContext(new AppSettings(APP_ID, AppSettings.Keys.masterOnly("master"),
                AppSettings.Limits.defaults(), false), storage, new SchemaController(storage), clock,
                new ObjectIds(new SecureRandom()));
        ParseCore core = new ParseCore(app);
        core.initialize();
        users = new UserRecords(storage, app.schemas());
        outbox = new Outbox(new SmtpMailer(smtp, clock), APP_ID);
        flows = new EmailFlows(new EmailFlows.Parts(settings, rules, users,
                new PasswordChanges(rules.passwordPolicy(), BCRYPT, clock), Optional.of(outbox), clock,
                new SecureRandom(), baseUrl));
        app.hooks().register(UserRecords.CLASS, new AccountHooks(flows));
        Users installed = Users.install(core, new AnonymousAuthData(), new LoginGuard(users, rules, clock));
        app.hooks().register(UserRecords.CLASS, new VerificationMail(flows));
        api = new ParseApi(core, installed, "/parse", flows);
    }

    /** A request that reached the API as {@code requestBaseUrl} (its Host header), not as the runtime's own URL. */
    ApiResponse callFrom(String requestBaseUrl, String method, String path, Map<String, Object> params) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP_ID, null, null, null, null, null, null,
                null);
        return api.handle(new ApiRequest(method, path, new LinkedHashMap<>(params), credentials, requestBaseUrl));
    }

    ApiResponse call(String method, String path, Map<String, Object> params, boolean master) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP_ID, master ? "master" : null, null, null,
                null, null, null, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(Json.writeString(params));
        return api.handle(new ApiRequest(method, path, new LinkedHashMap<>(body), credentials, baseUrl));
    }

    ApiResponse signUp(String username, String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (email != null) {
            body.put("email", email);
        }
        return call("POST", "/users", body, false);
    }

    ApiResponse logIn(String username, String password) {
        return call("POST", "/login", Map.of("username", username, "password", password), false);
    }

    Map<String, Object> stored(String username) {
        return users.findOne(Map.of("username", username)).orElseThrow();
    }
}
