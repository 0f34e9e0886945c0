package dev.reparse.runtime.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames are checked as Parse Server's LiveQuery request schema checks them, with its messages. */
class ClientRequestTest {
    private static String refusal(String frame) {
        return assertThrows(ClientRequest.Invalid.class, () -> ClientRequest.parse(frame)).getMessage();
    }

    @Test
    void parsesAConnectWithItsKeysSessionAndInstallation() {
        ClientRequest.Connect connect = assertInstanceOf(ClientRequest.Connect.class, ClientRequest.parse(
                "{\"op\":\"connect\",\"applicationId\":\"app\",\"javascriptKey\":\"js\",\"masterKey\":\"mk\","
                + "\"sessionToken\":\"r:1\",\"installationId\":\"i1\"}"));
        assertEquals("app", connect.applicationId());
        assertEquals(Map.of("javascriptKey", "js", "masterKey", "mk"), connect.keys());
        assertEquals("r:1", connect.sessionToken());
        assertEquals("i1", connect.installationId());
    }

    @Test
    void parsesASubscribeWithKeysWatchAndItsOwnSessionToken() {
        ClientRequest.Subscribe subscribe = assertInstanceOf(ClientRequest.Subscribe.class, ClientRequest.parse(
                "{\"op\":\"subscribe\",\"requestId\":3,\"sessionToken\":\"r:2\",\"query\":{\"className\":\"Message\","
                + "\"where\":{\"room\":\"a\"},\"keys\":[\"text\"],\"watch\":[\"text\",\"room\"]}}"));
        assertEquals(3, subscribe.requestId());
        assertEquals("Message", subscribe.query().className());
        assertEquals(Map.of("room", "a"), subscribe.query().where());
        assertEquals(List.of("text"), subscribe.query().keys());
        assertEquals(List.of("text", "room"), subscribe.query().watch());
        assertEquals("r:2", subscribe.sessionToken());
        assertTrue(!subscribe.replacing());
    }

    @Test
    void anUpdateReplacesAndAnUnsubscribeNamesItsRequest() {
        ClientRequest.Subscribe update = assertInstanceOf(ClientRequest.Subscribe.class, ClientRequest.parse(
                "{\"op\":\"update\",\"requestId\":1,\"query\":{\"className\":\"M\",\"where\":{}}}"));
        assertTrue(update.replacing());
        assertNull(update.query().keys());
        assertEquals(9, assertInstanceOf(ClientRequest.Unsubscribe.class,
                ClientRequest.parse("{\"op\":\"unsubscribe\",\"requestId\":9}")).requestId());
    }

    @Test
    void refusesWhatTheSchemaRefusesWithItsMessages() {
        assertEquals("Missing required property: op", refusal("{}"));
        assertEquals("No enum match for: \"bogus\"", refusal("{\"op\":\"bogus\"}"));
        assertEquals("Missing required property: applicationId", refusal("{\"op\":\"connect\"}"));
        assertEquals("Additional properties not allowed", refusal("{\"op\":\"connect\",\"applicationId\":\"a\",\"x\":1}"));
        assertEquals("Invalid type: string (expected number)",
                refusal("{\"op\":\"unsubscribe\",\"requestId\":\"1\"}"));
        assertEquals("Missing required property: where",
                refusal("{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"M\"}}"));
        assertEquals("Invalid type: array (expected object)",
                refusal("{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"M\",\"where\":[]}}"));
        assertEquals("Array is too short (0), minimum 1", refusal(
                "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"M\",\"where\":{},\"keys\":[]}}"));
        assertEquals("Array items are not unique (indices 0 and 1)", refusal(
                "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"M\",\"where\":{},\"watch\":[\"a\",\"a\"]}}"));
        assertEquals("Additional properties not allowed", refusal(
                "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"M\",\"where\":{},\"limit\":1}}"));
        assertEquals("Invalid JSON", refusal("{not json"));
        assertEquals("Invalid type: array (expected object)", refusal("[1]"));
        assertEquals("requestId must be an integer", refusal("{\"op\":\"unsubscribe\",\"requestId\":1.5}"));
    }
}
