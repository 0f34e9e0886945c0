package dev.reparse.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * ACL, CLP, pointer permissions, protected fields and sensitive fields enforced by the core on a
 * real (in-memory mongo-java-server) store, for owners, other users, role members, anonymous
 * callers and the master keys.
 */
class SecurityEnforcementIntegrationTest {
    private static final Auth MASTER = Auth.ofMaster();
    private static final Auth READ_ONLY_MASTER = Auth.ofMaster(true, Optional.empty());
    private static final Auth ANONYMOUS = Auth.ofNobody();

    private ParseCore core;
    private com.mongodb.client.MongoDatabase database;
    private String alice;
    private String bob;
    private Auth asAlice;
    private Auth asBob;
    private Auth asEditor;

    @BeforeEach
    void start() {
        database = TestMongo.freshDatabase("security");
        MongoStorageAdapter storage = new MongoStorageAdapter(database);
        AppSettings settings = new AppSettings("app", AppSettings.Keys.masterOnly("master"),
                AppSettings.Limits.defaults(), false);
        core = new ParseCore(new AppContext(settings, storage, new SchemaController(storage), Clock.systemUTC(),
                new ObjectIds(new Random(11))));
        core.initialize();
        alice = createUser("alice", Map.of("*", Map.of("read", true)));
        bob = createUser("bob", Map.of("*", Map.of("read", true)));
        String editor = createUser("eddie", Map.of("*", Map.of("read", true)));
        asAlice = Auth.ofUser(alice, Set.of(), "r:a", Optional.empty());
        asBob = Auth.ofUser(bob, Set.of(), "r:b", Optional.empty());
        asEditor = Auth.ofUser(editor, Set.of("Editors"), "r:e", Optional.empty());
    }

    private String createUser(String name, Map<String, Object> acl) {
        return (String) core.create(MASTER, "_User", map("username", name, "email", name + "@example.com",
                "ACL", acl)).get("objectId");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object... keysAndValues) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (Map<String, Object>) Json.parse(Json.writeString(map));
    }

    private static Map<String, Object> rw() {
        return Map.of("read", true, "write", true);
    }

    private static Map<String, Object> pointer(String className, String id) {
        return map("__type", "Pointer", "className", className, "objectId", id);
    }

    private String create(String className, Object... keysAndValues) {
        return (String) core.create(MASTER, className, map(keysAndValues)).get("objectId");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> find(Auth auth, String className, Object... params) {
        return (List<Map<String, Object>>) core.find(auth, className, FindRequest.fromParams(map(params))).get("results");
    }

    private Object count(Auth auth, String className, Map<String, Object> where) {
        return core.find(auth, className, FindRequest.fromParams(map("where", where, "count", 1, "limit", 0)))
                .get("count");
    }

    private static void assertParseError(int code, Executable call) {
        assertEquals(code, assertThrows(ParseException.class, call).code());
    }

    private static List<Object> ids(List<Map<String, Object>> results) {
        return results.stream().map(object -> object.get("objectId")).toList();
    }

    // ---- ACL ----

    @Test
    void aclDecidesWhoGetsFindsAndCountsAnObject() {
        String mine = create("Note", "text", "alice's", "ACL", map(alice, rw()));
        String shared = create("Note", "text", "editors'", "ACL", map(alice, rw(), "role:Editors", Map.of("read", true)));
        String open = create("Note", "text", "public");

        assertEquals("alice's", core.get(asAlice, "Note", mine, FindRequest.where(Map.of())).get("text"));
        assertParseError(101, () -> core.get(asBob, "Note", mine, FindRequest.where(Map.of())));
        assertParseError(101, () -> core.get(ANONYMOUS, "Note", mine, FindRequest.where(Map.of())));
        assertEquals(Set.of(mine, shared, open), Set.copyOf(ids(find(asAlice, "Note"))));
        assertEquals(Set.of(shared, open), Set.copyOf(ids(find(asEditor, "Note"))));
        assertEquals(List.of(open), ids(find(asBob, "Note")));
        assertEquals(1L, ((Number) count(ANONYMOUS, "Note", Map.of())).longValue());
        assertEquals(3L, ((Number) count(MASTER, "Note", Map.of())).longValue());
    }

    @Test
    void onlyWritersUpdateOrDeleteOthersGetObjectNotFound() {
        String id = create("Note", "text", "v1", "ACL", map("*", Map.of("read", true), alice, rw(),
                "role:Editors", Map.of("write", true)));

        assertParseError(101, () -> core.update(asBob, "Note", id, map("text", "bob was here")));
        assertParseError(101, () -> core.update(ANONYMOUS, "Note", id, map("text", "anon")));
        assertParseError(101, () -> core.delete(asBob, "Note", id));
        core.update(asEditor, "Note", id, map("text", "v2"));
        assertEquals("v2", core.get(asBob, "Note", id, FindRequest.where(Map.of())).get("text"));
        core.delete(asAlice, "Note", id);
        assertParseError(101, () -> core.get(MASTER, "Note", id, FindRequest.where(Map.of())));
    }

    @Test
    void badAclIsRefusedWith123() {
        assertParseError(123, () -> core.create(MASTER, "Note", map("ACL", map("*", map("read", "yes")))));
        assertParseError(123, () -> core.create(MASTER, "Note", map("ACL", map("role:", map("read", true)))));
        assertParseError(123, () -> core.create(MASTER, "Note", map("ACL", "public")));
    }

    @Test
    void includedObjectsTheCallerCannotReadAreDropped() {
        String secret = create("Profile", "bio", "hidden", "ACL", map(alice, rw()));
        String post = create("Post", "title", "hi", "author", pointer("Profile", secret));

        Map<String, Object> forBob = find(asBob, "Post", "include", "author").get(0);
        assertEquals(post, forBob.get("objectId"));
        assertFalse(forBob.containsKey("author"));
        Map<?, ?> forAlice = (Map<?, ?>) find(asAlice, "Post", "include", "author").get(0).get("author");
        assertEquals("hidden", forAlice.get("bio"));
    }

    @Test
    void relatedToListsOnlyReadableObjectsOfAReadableOwner() {
        String open = create("Item", "name", "open");
        String closed = create("Item", "name", "closed", "ACL", map(alice, rw()));
        String list = create("List", "items", map("__op", "AddRelation", "objects",
                List.of(pointer("Item", open), pointer("Item", closed))));
        String privateList = create("List", "ACL", map(alice, rw()), "items", map("__op", "AddRelation",
                "objects", List.of(pointer("Item", open))));
        Map<String, Object> related = map("$relatedTo", map("object", pointer("List", list), "key", "items"));
        Map<String, Object> relatedPrivate = map("$relatedTo", map("object", pointer("List", privateList),
                "key", "items"));

        assertEquals(List.of(open), ids(find(asBob, "Item", "where", related)));
        assertEquals(Set.of(open, closed), Set.copyOf(ids(find(asAlice, "Item", "where", related))));
        assertEquals(List.of(), ids(find(asBob, "Item", "where", relatedPrivate)));
        assertEquals(List.of(open), ids(find(asAlice, "Item", "where", relatedPrivate)));
    }

    @Test
    void subqueriesSeeOnlyWhatTheCallerMayRead() {
        String open = create("Team", "name", "open");
        String closed = create("Team", "name", "closed", "ACL", map(alice, rw()));
        String inOpen = create("Player", "team", pointer("Team", open), "teamName", "open");
        String inClosed = create("Player", "team", pointer("Team", closed), "teamName", "closed");
        Map<String, Object> inQuery = map("team", map("$inQuery", map("className", "Team", "where", Map.of())));
        Map<String, Object> select = map("teamName", map("$select", map("key", "name",
                "query", map("className", "Team", "where", Map.of()))));
        Map<String, Object> dontSelect = map("teamName", map("$dontSelect", map("key", "name",
                "query", map("className", "Team", "where", Map.of()))));

        assertEquals(List.of(inOpen), ids(find(asBob, "Player", "where", inQuery)));
        assertEquals(Set.of(inOpen, inClosed), Set.copyOf(ids(find(asAlice, "Player", "where", inQuery))));
        assertEquals(List.of(inOpen), ids(find(asBob, "Player", "where", select)));
        assertEquals(List.of(inClosed), ids(find(asBob, "Player", "where", dontSelect)));
    }

    // ---- CLP ----

    private void createClass(String className, Map<String, Object> fields, Map<String, Object> clp) {
        core.createSchema(MASTER, className, map("fields", fields, "classLevelPermissions", clp));
    }

    @Test
    void clpRefusesWith119AndRequiresAuthenticationWith101() {
        createClass("Vault", Map.of("v", Map.of("type", "String")), map(
                "find", map("role:Editors", true), "get", map("requiresAuthentication", true),
                "create", map(alice, true), "update", Map.of(), "delete", Map.of(), "count", Map.of(),
                "addField", Map.of()));
        String id = create("Vault", "v", "x");

        assertParseError(119, () -> find(asBob, "Vault"));
        assertEquals(List.of(id), ids(find(asEditor, "Vault")));
        assertParseError(101, () -> core.get(ANONYMOUS, "Vault", id, FindRequest.where(Map.of())));
        assertEquals("x", core.get(asBob, "Vault", id, FindRequest.where(Map.of())).get("v"));
        assertParseError(119, () -> core.create(asBob, "Vault", map("v", "y")));
        core.create(asAlice, "Vault", map("v", "y"));
        assertParseError(119, () -> core.create(asAlice, "Vault", map("newField", 1)));
        assertParseError(119, () -> core.update(asAlice, "Vault", id, map("v", "z")));
        assertParseError(119, () -> count(asEditor, "Vault", Map.of()));
    }

    @Test
    void includeOfAClassTheCallerMayNotFindLeavesThePointer() {
        createClass("Secret", Map.of(), map("find", Map.of(), "get", Map.of(), "create", Map.of(), "update", Map.of(),
                "delete", Map.of(), "count", Map.of(), "addField", Map.of()));
        String secret = create("Secret");
        create("Box", "secret", pointer("Secret", secret));

        assertEquals(pointer("Secret", secret), find(asBob, "Box", "include", "secret").get(0).get("secret"));
    }

    @Test
    void pointerFieldsLimitReadsAndWritesToTheOwner() {
        Map<String, Object> ownerOnly = map("pointerFields", List.of("owner"));
        createClass("Doc", map("owner", map("type", "Pointer", "targetClass", "_User"), "text", map("type", "String")),
                map("find", ownerOnly, "get", ownerOnly, "count", ownerOnly, "update", ownerOnly, "delete", ownerOnly,
                        "create", map("*", true), "addField", Map.of()));
        String doc = (String) core.create(asAlice, "Doc", map("owner", pointer("_User", alice), "text", "a"))
                .get("objectId");

        assertEquals(List.of(doc), ids(find(asAlice, "Doc")));
        assertEquals(List.of(), find(asBob, "Doc"));
        assertEquals(List.of(), find(ANONYMOUS, "Doc"));
        assertEquals(0L, ((Number) count(asBob, "Doc", Map.of())).longValue());
        assertParseError(101, () -> core.get(asBob, "Doc", doc, FindRequest.where(Map.of())));
        assertParseError(101, () -> core.update(asBob, "Doc", doc, map("text", "b")));
        assertParseError(101, () -> core.delete(asBob, "Doc", doc));
        core.update(asAlice, "Doc", doc, map("text", "a2"));
        assertEquals("a2", core.get(asAlice, "Doc", doc, FindRequest.where(Map.of())).get("text"));
    }

    @Test
    void readUserFieldsAcceptArraysOfUsers() {
        createClass("Chat", map("members", map("type", "Array")), map("find", Map.of(), "get", Map.of(),
                "count", Map.of(), "create", map("*", true), "update", Map.of(), "delete", Map.of(),
                "addField", Map.of(), "readUserFields", List.of("members")));
        String chat = create("Chat", "members", List.of(pointer("_User", alice), pointer("_User", bob)));
        create("Chat", "members", List.of(pointer("_User", alice)));

        assertEquals(List.of(chat), ids(find(asBob, "Chat")));
        assertEquals(2, find(asAlice, "Chat").size());
    }

    // ---- protected and sensitive fields ----

    @Test
    void emailIsProtectedFromOthersButNotFromItsUserOrTheMasterKey() {
        for (Map<String, Object> user : find(asBob, "_User")) {
            assertEquals(user.get("objectId").equals(bob), user.containsKey("email"), "for " + user.get("username"));
        }
        assertFalse(find(ANONYMOUS, "_User").get(0).containsKey("email"));
        assertEquals("bob@example.com", core.get(asBob, "_User", bob, FindRequest.where(Map.of())).get("email"));
        assertFalse(core.get(asBob, "_User", alice, FindRequest.where(Map.of())).containsKey("email"));
        assertTrue(find(MASTER, "_User").stream().allMatch(user -> user.containsKey("email")));
    }

    @Test
    void protectedFieldsCannotBeProbedStricterThanParseServer() {
        assertParseError(119, () -> find(ANONYMOUS, "_User", "where", map("email", "alice@example.com")));
        assertParseError(119, () -> find(asBob, "_User", "where", map("email", map("$regex", "^a"))));
        assertParseError(119, () -> find(asBob, "_User", "where", map("email", map("$exists", true))));
        assertParseError(119, () -> find(asBob, "_User", "where", map("$or", List.of(map("email", "x")))));
        assertParseError(119, () -> find(asBob, "_User", "order", "email"));
        assertParseError(119, () -> count(asBob, "_User", map("email", "x")));
        assertParseError(119, () -> find(asBob, "Member", "where", map("mail", map("$select",
                map("key", "email", "query", map("className", "_User", "where", Map.of()))))));
        assertEquals(3, find(MASTER, "_User", "where", map("email", map("$exists", true))).size());
    }

    @Test
    void protectedFieldsAreRemovedFromIncludedObjects() {
        create("Comment", "by", pointer("_User", alice));
        Map<?, ?> by = (Map<?, ?>) find(asBob, "Comment", "include", "by").get(0).get("by");
        assertEquals("alice", by.get("username"));
        assertFalse(by.containsKey("email"));
    }

    @Test
    void classProtectedFieldsIntersectAcrossRoles() {
        createClass("Employee", map("salary", map("type", "Number"), "phone", map("type", "String"),
                "boss", map("type", "Pointer", "targetClass", "_User")), map("find", map("*", true),
                "protectedFields", map("*", List.of("salary", "phone"), "role:Editors", List.of("salary"),
                        "userField:boss", List.of())));
        create("Employee", "salary", 10, "phone", "555", "boss", pointer("_User", alice));

        Map<String, Object> forBob = find(asBob, "Employee").get(0);
        assertFalse(forBob.containsKey("salary") || forBob.containsKey("phone"));
        Map<String, Object> forEditor = find(asEditor, "Employee").get(0);
        assertFalse(forEditor.containsKey("salary"));
        assertEquals("555", forEditor.get("phone"));
        Map<String, Object> forBoss = find(asAlice, "Employee", "keys", "salary").get(0);
        assertEquals(10, ((Number) forBoss.get("salary")).intValue());
        assertFalse(forBoss.containsKey("boss"), "the userField pointer was fetched for the check, not asked for");
    }

    @Test
    void authDataGoesOnlyToItsUserAndInternalFieldsToNobody() {
        String carol = (String) core.create(MASTER, "_User", map("username", "carol", "ACL", map("*", map("read", true)),
                "authData", map("anonymous", map("id", "abc")))).get("objectId");
        database.getCollection("_User").updateOne(new Document("_id", carol), new Document("$set",
                new Document("_hashed_password", "$2b$10$x").append("_perishable_token", "t")
                        .append("_session_token", "s").append("_email_verify_token", "v")));
        Auth asCarol = Auth.ofUser(carol, Set.of(), "r:c", Optional.empty());

        Map<String, Object> forBob = core.get(asBob, "_User", carol, FindRequest.where(Map.of()));
        assertFalse(forBob.containsKey("authData"));
        Map<String, Object> forCarol = core.get(asCarol, "_User", carol, FindRequest.where(Map.of()));
        assertEquals(map("anonymous", map("id", "abc")), forCarol.get("authData"));
        Map<String, Object> forMaster = core.get(MASTER, "_User", carol, FindRequest.where(Map.of()));
        for (Map<String, Object> seen : List.of(forBob, forCarol, forMaster)) {
            assertTrue(seen.keySet().stream().noneMatch(key -> key.startsWith("_") || key.equals("sessionToken")
                    || key.equals("password")), seen.keySet().toString());
        }
    }

    @Test
    void internalUserFieldsCannotBeQueriedByClients() {
        assertParseError(119, () -> find(asBob, "_User", "where", map("authData.anonymous.id", "abc")));
        assertParseError(119, () -> find(asBob, "_User", "where", map("sessionToken", "r:x")));
        assertParseError(105, () -> find(asBob, "_User", "where", map("_hashed_password", map("$exists", true))));
        assertParseError(105, () -> find(asBob, "_User", "where", map("_perishable_token", "t")));
    }

    // ---- users and master keys ----

    @Test
    void newUsersArePrivateByDefault() {
        String dave = (String) core.create(MASTER, "_User", map("username", "dave")).get("objectId");
        Auth asDave = Auth.ofUser(dave, Set.of(), "r:d", Optional.empty());

        assertParseError(101, () -> core.get(asBob, "_User", dave, FindRequest.where(Map.of())));
        assertParseError(101, () -> core.get(ANONYMOUS, "_User", dave, FindRequest.where(Map.of())));
        assertEquals("dave", core.get(asDave, "_User", dave, FindRequest.where(Map.of())).get("username"));
        Document stored = database.getCollection("_User").find(new Document("_id", dave)).first();
        assertEquals(List.of(dave), stored.getList("_rperm", String.class));
        assertEquals(List.of(dave), stored.getList("_wperm", String.class));
    }

    @Test
    void aUserKeepsWriteOnItselfWhateverAclItIsGiven() {
        String erin = (String) core.create(MASTER, "_User", map("username", "erin",
                "ACL", map("*", map("read", true)))).get("objectId");
        Auth asErin = Auth.ofUser(erin, Set.of(), "r:e2", Optional.empty());

        core.update(asErin, "_User", erin, map("nickname", "e"));
        assertParseError(101, () -> core.update(asBob, "_User", erin, map("nickname", "b")));
        assertEquals("e", core.get(asBob, "_User", erin, FindRequest.where(Map.of())).get("nickname"));
    }

    @Test
    void readOnlyMasterKeyReadsEverythingAndWritesNothing() {
        String secret = create("Note", "text", "s", "ACL", Map.of());

        assertEquals(List.of(secret), ids(find(READ_ONLY_MASTER, "Note")));
        assertEquals(3, find(READ_ONLY_MASTER, "_User", "where", map("email", map("$exists", true))).size());
        assertParseError(119, () -> core.create(READ_ONLY_MASTER, "Note", map("text", "t")));
        assertParseError(119, () -> core.update(READ_ONLY_MASTER, "Note", secret, map("text", "t")));
        assertParseError(119, () -> core.delete(READ_ONLY_MASTER, "Note", secret));
        assertEquals("s", core.get(MASTER, "Note", secret, FindRequest.where(Map.of())).get("text"));
    }
}
