package dev.reparse.controlplane.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerUrlsTest {
    @Test
    void localModeAnswersTheLocalRoutersUrl() {
        assertEquals("http://127.0.0.1:1337/parse", ServerUrls.of(Optional.empty(), "127.0.0.1", 1337, "demo"));
        assertEquals("http://localhost:8080/parse", ServerUrls.of(Optional.empty(), "0.0.0.0", 8080, "demo"));
        assertEquals("http://localhost:1337/parse", ServerUrls.of(Optional.empty(), "::", 1337, "demo"));
        assertEquals("http://[::1]:1337/parse", ServerUrls.of(Optional.empty(), "::1", 1337, "demo"));
    }

    @Test
    void noLocalRouterAndNoPublicUrlLeavesItUnknown() {
        assertNull(ServerUrls.of(Optional.empty(), "127.0.0.1", 0, "demo"));
    }

    @Test
    void productionAnswersThePublicApiUrl() {
        assertEquals("https://api.example.com/parse",
            ServerUrls.of(Optional.of("https://api.example.com/parse/"), "127.0.0.1", 1337, "demo"));
    }

    @Test
    void aPublicUrlWithSubdomainPlaceholderNamesTheAppsHost() {
        assertEquals("https://my-game.apps.example.com/parse",
            ServerUrls.of(Optional.of("https://{subdomain}.apps.example.com/parse"), "127.0.0.1", 1337, "my-game"));
    }
}
