package dev.reparse.router.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestClassifierTest {
    private final RequestClassifier classifier = new RequestClassifier("/parse");

    private String kind(String method, String override, String path) {
        RequestClassifier.Classified classified = classifier.classify(method, override, path, false);
        return classified.operation().wireName() + (classified.className() == null ? "" : " " + classified.className());
    }

    private String kind(String method, String path) {
        return kind(method, null, path);
    }

    @Test
    void tellsCrudOperationsOnClassesAndTheirObjects() {
        assertEquals("find GameScore", kind("GET", "/parse/classes/GameScore"));
        assertEquals("create GameScore", kind("POST", "/parse/classes/GameScore"));
        assertEquals("get GameScore", kind("GET", "/parse/classes/GameScore/xWMyZ4YEGZ"));
        assertEquals("update GameScore", kind("PUT", "/parse/classes/GameScore/xWMyZ4YEGZ"));
        assertEquals("delete GameScore", kind("DELETE", "/parse/classes/GameScore/xWMyZ4YEGZ"));
        assertEquals("find GameScore", kind("GET", "/parse/classes/GameScore/"));
        assertEquals("other", kind("GET", "/parse/classes"));
        assertEquals("other", kind("GET", "/parse/classes/"));
        assertEquals("other GameScore", kind("GET", "/parse/classes/GameScore/id/extra"));
        assertEquals("other GameScore", kind("PATCH", "/parse/classes/GameScore/id"));
    }

    @Test
    void countsTheJsSdksMethodOverrideOnPostsOnly() {
        assertEquals("find GameScore", kind("POST", "GET", "/parse/classes/GameScore"));
        assertEquals("get GameScore", kind("POST", "GET", "/parse/classes/GameScore/abc"));
        assertEquals("update GameScore", kind("POST", "PUT", "/parse/classes/GameScore/abc"));
        assertEquals("delete GameScore", kind("POST", "DELETE", "/parse/classes/GameScore/abc"));
        assertEquals("get GameScore", kind("GET", "DELETE", "/parse/classes/GameScore/abc"));
    }

    @Test
    void mapsSpecialCollectionsToTheirClasses() {
        assertEquals("create _User", kind("POST", "/parse/users"));
        assertEquals("get _User", kind("GET", "/parse/users/me"));
        assertEquals("find _Role", kind("GET", "/parse/roles"));
        assertEquals("update _Installation", kind("PUT", "/parse/installations/i1"));
        assertEquals("delete _Session", kind("DELETE", "/parse/sessions/s1"));
    }

    @Test
    void namesOtherOperationsByTheirFirstSegment() {
        assertEquals("login", kind("POST", "GET", "/parse/login"));
        assertEquals("logout", kind("POST", "/parse/logout"));
        assertEquals("function hello", kind("POST", "/parse/functions/hello"));
        assertEquals("function", kind("POST", "/parse/functions"));
        assertEquals("job cleanup", kind("POST", "/parse/jobs/cleanup"));
        assertEquals("event AppOpened", kind("POST", "/parse/events/AppOpened"));
        assertEquals("aggregate GameScore", kind("GET", "/parse/aggregate/GameScore"));
        assertEquals("schema GameScore", kind("GET", "/parse/schemas/GameScore"));
        assertEquals("file", kind("POST", "/parse/files/pic.png"));
        assertEquals("batch", kind("POST", "/parse/batch"));
        assertEquals("push", kind("POST", "/parse/push"));
        assertEquals("graphql", kind("POST", "/parse/graphql"));
        assertEquals("config", kind("GET", "/parse/config"));
        assertEquals("meta", kind("GET", "/parse/health"));
        assertEquals("meta", kind("GET", "/parse/serverInfo"));
        assertEquals("other", kind("POST", "/parse/requestPasswordReset"));
        assertEquals("other", kind("OPTIONS", "/parse/classes/GameScore"));
        assertEquals("other", kind("GET", "/parsec/classes/GameScore"));
        assertEquals("other", kind("GET", "/parse"));
        assertEquals("livequery", classifier.classify("GET", null, "/parse/anything", true).operation().wireName());
    }

    @Test
    void aMountWithATrailingSlashWorksTheSame() {
        assertEquals("find A", new RequestClassifier("/api/").classify("GET", null, "/api/classes/A", false).operation()
                .wireName() + " A");
    }

    @Test
    void longNamesCountAsOther() {
        assertEquals("find (other)", kind("GET", "/parse/classes/" + "x".repeat(RequestClassifier.MAX_NAME + 1)));
    }

    @Test
    void tellsSdksFromTheirVersionStrings() {
        assertEquals(ClientSdk.JS, ClientSdk.of("js6.1.1"));
        assertEquals(ClientSdk.IOS, ClientSdk.of("i1.19"));
        assertEquals(ClientSdk.IOS, ClientSdk.of("osx1.19.0"));
        assertEquals(ClientSdk.ANDROID, ClientSdk.of("a1.26"));
        assertEquals(ClientSdk.DOTNET, ClientSdk.of("net"));
        assertEquals(ClientSdk.DOTNET, ClientSdk.of("net2.0.0"));
        assertEquals(ClientSdk.PHP, ClientSdk.of("php1.4"));
        assertEquals(ClientSdk.DART, ClientSdk.of("dart3.0.0"));
        assertEquals(ClientSdk.REST, ClientSdk.of(null));
        assertEquals(ClientSdk.REST, ClientSdk.of(""));
        assertEquals(ClientSdk.OTHER, ClientSdk.of("curl"));
        assertEquals(ClientSdk.OTHER, ClientSdk.of("android"));
        assertEquals(ClientSdk.OTHER, ClientSdk.of("i"));
    }
}
