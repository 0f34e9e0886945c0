package dev.reparse.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRouterTest {
    @Test
    void aServerOnEveryInterfaceIsReachedOnLoopbackAndOneOnAnAddressThere() {
        assertEquals("http://127.0.0.1:1337", LocalRouter.url("127.0.0.1", 1337));
        assertEquals("http://127.0.0.1:1337", LocalRouter.url("0.0.0.0", 1337));
        assertEquals("http://127.0.0.1:1337", LocalRouter.url("::", 1337));
        assertEquals("http://192.168.1.5:4040", LocalRouter.url("192.168.1.5", 4040));
        assertEquals("http://[::1]:4040", LocalRouter.url("::1", 4040));
    }

    @Test
    void theRouterNeedsAnAddressToListenOn() throws Exception {
        Path app = Files.createTempDirectory("router-app");
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        assertThrows(IllegalArgumentException.class,
                () -> new LocalRouter.Options(app, app, " ", 1337, "http://127.0.0.1:4040", "token"));
        assertEquals("127.0.0.1", new LocalRouter.Options(app, app, "127.0.0.1", 1337, "http://127.0.0.1:4040", "token").host());
    }
}
