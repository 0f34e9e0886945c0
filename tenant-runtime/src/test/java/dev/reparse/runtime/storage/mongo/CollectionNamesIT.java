package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.schema.FieldType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A class or relation the database cannot hold is refused before its schema is recorded. */
class CollectionNamesIT {
    private final MongoStorageAdapter adapter = new MongoStorageAdapter(TestMongo.freshDatabase("names"));

    @Test
    void aClassTheDatabaseRefusesLeavesNoSchema() {
        String name = "C" + "x".repeat(260);
        ParseException error = assertThrows(ParseException.class,
                () -> adapter.createClass(new ClassSchema(name, Map.of(), Map.of(), Map.of())));
        assertEquals(103, error.code());
        assertTrue(adapter.getClass(name).isEmpty());
    }

    @Test
    void aRelationTheDatabaseRefusesIsNotAdded() {
        adapter.createClass(new ClassSchema("Owner", new LinkedHashMap<>(), Map.of(), Map.of()));
        String field = "r" + "x".repeat(260);
        assertThrows(ParseException.class, () -> adapter.addField("Owner", field, FieldType.relation("Owner")));
        assertTrue(adapter.getClass("Owner").orElseThrow().field(field).isEmpty());
    }
}
