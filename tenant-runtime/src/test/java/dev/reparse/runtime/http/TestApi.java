package dev.reparse.runtime.http;

import dev.reparse.protocol.Json;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.StorageAdapter;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The REST API of one app over a fresh in-memory database, called without HTTP: for the *IT of the http package. */
final class TestApi {
    static final String APP = "app";
    static final String MASTER = "master";

    final ParseApi api;
    final ParseCore core;

    private TestApi(StorageAdapter storage, AppSettings settings) {
        AppContext app = new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(11)));
        core = new ParseCore(app);
        core.initialize();
        api = new ParseApi(core, "/parse");
    }

    /** Master-only keys, client class creation on, the given limits. */
    static TestApi start(String database, AppSettings.Limits limits) {
        return new TestApi(new MongoStorageAdapter(TestMongo.freshDatabase(database)),
                new AppSettings(APP, AppSettings.Keys.masterOnly(MASTER), limits, true));
    }

    static TestApi start(StorageAdapter storage, AppSettings settings) {
        return new TestApi(storage, settings);
    }

    ApiResponse call(String method, String path, Object params, boolean master) {
        return call(method, path, params, master ? MASTER : null, null);
    }

    ApiResponse call(String method, String path, Object params, String masterKey, String sessionToken) {
        ApiRequest.Credentials credentials = new ApiRequest.Credentials(APP, masterKey, null, null, null, null,
                sessionToken, null);
        Map<String, Object> body = params == null ? new LinkedHashMap<>() : copy(params);
        return api.handle(new ApiRequest(method, path, body, credentials, "http://localhost:1337/parse"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Object params) {
        return (Map<String, Object>) Json.parse(Json.writeString(params));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(ApiResponse response) {
        return (Map<String, Object>) response.body();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(ApiResponse response) {
        return (List<Map<String, Object>>) body(response).get("results");
    }

    /** The Parse error code of an answer, or null for a success. */
    static Object code(ApiResponse response) {
        return response.body() instanceof Map<?, ?> map ? map.get("code") : null;
    }
}
