package dev.reparse.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppLookupTest {
    private final AppLookup lookup = new AppLookup("/parse", Optional.of("apps.test"));

    @Test
    void readsTheAppFromFileAndLiveQueryPathsUnderTheMountOnly() {
        assertEquals(Optional.of("app"), lookup.fromPath("/parse/files/app/abc_photo.jpg"));
        assertEquals(Optional.of("app"), lookup.fromPath("/parse/livequery/app"));
        assertEquals(Optional.of("app"), lookup.fromPath("/parse/apps/app/request_password_reset"));
        assertEquals(Optional.of("app"), lookup.fromPath("/parse/apps/app/choose_password"));
        assertEquals(Optional.empty(), lookup.fromPath("/parse/apps/choose_password"));
        assertEquals(Optional.empty(), lookup.fromPath("/parse/files/photo.jpg"));
        assertEquals(Optional.empty(), lookup.fromPath("/parse/livequery"));
        assertEquals(Optional.empty(), lookup.fromPath("/other/files/app/x.jpg"));
        assertEquals(Optional.empty(), lookup.fromPath("/parse/classes/files"));
    }
}
