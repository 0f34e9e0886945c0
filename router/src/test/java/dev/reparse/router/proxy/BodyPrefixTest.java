package dev.reparse.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyPrefixTest {
    private static Optional<String> idIn(String body) {
        return new BodyPrefix(Buffer.buffer(body), false).applicationId();
    }

    @Test
    void findsTheTopLevelApplicationIdWhereverItIsInTheObject() {
        assertEquals(Optional.of("app"), idIn("{\"where\":{\"a\":[1,{\"_ApplicationId\":\"nested\"}]},\"_ApplicationId\":\"app\"}"));
    }

    @Test
    void findsItInABodyCutOffAfterTheField() {
        assertEquals(Optional.of("app"), idIn("{\"_ApplicationId\":\"app\",\"data\":\"xxxxx"));
    }

    @Test
    void findsNothingInNonJsonACutBeforeTheFieldOrANonStringId() {
        assertEquals(Optional.empty(), idIn("_ApplicationId=app"));
        assertEquals(Optional.empty(), idIn("{\"data\":\"xxx"));
        assertEquals(Optional.empty(), idIn("{\"_ApplicationId\":7}"));
        assertEquals(Optional.empty(), idIn("[{\"_ApplicationId\":\"app\"}]"));
    }
}
