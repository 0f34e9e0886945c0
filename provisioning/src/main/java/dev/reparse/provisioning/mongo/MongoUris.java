package dev.reparse.provisioning.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Connection strings for one app's database, built from the shared server's. */
final class MongoUris {
    private MongoUris() {
    }

    /** The shared server's string (its credentials and options) pointed at that database. */
    static String withDatabase(ConnectionString shared, String database) {
        MongoCredential credential = shared.getCredential();
        String userInfo = credential == null ? "" : encode(credential.getUserName()) + ":"
                + encode(new String(credential.getPassword())) + "@";
        String options = options(shared);
        if (credential != null && !options.contains("authSource=")) {
            options = append(options, "authSource=" + encode(credential.getSource()));
        }
        return scheme(shared) + userInfo + String.join(",", shared.getHosts()) + "/" + database + options;
    }

    /** The app's own user, authenticated against its own database. */
    static String withUser(ConnectionString shared, String database, String user, String password) {
        String options = options(shared).replaceAll("([?&])authSource=[^&]*&?", "$1");
        options = options.endsWith("&") || options.endsWith("?") ? options.substring(0, options.length() - 1) : options;
        options = append(options, "authSource=" + encode(database));
        return scheme(shared) + encode(user) + ":" + encode(password) + "@" + String.join(",", shared.getHosts())
                + "/" + database + options;
    }

    private static String scheme(ConnectionString shared) {
        return shared.isSrvProtocol() ? "mongodb+srv://" : "mongodb://";
    }

    private static String options(ConnectionString shared) {
        String raw = shared.getConnectionString();
        int query = raw.indexOf('?');
        return query < 0 ? "" : raw.substring(query);
    }

    private static String append(String options, String option) {
        return options.isEmpty() ? "?" + option : options + "&" + option;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
