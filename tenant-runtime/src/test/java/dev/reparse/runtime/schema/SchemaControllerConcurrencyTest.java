package dev.reparse.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;

/** First writes racing on virtual threads, within one controller and across two replicas of it. */
class SchemaControllerConcurrencyTest {
    private static final int WRITERS = 8;

    private final FakeSchemaStorage storage = new FakeSchemaStorage();

    /** Runs each call on its own virtual thread, all released together; returns what each threw, or null. */
    private static List<ParseException> race(List<Supplier<ClassSchema>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ParseException>> outcomes = new ArrayList<>();
            for (Supplier<ClassSchema> call : calls) {
                outcomes.add(threads.submit(() -> {
                    start.await();
                    try {
                        call.get();
                        return null;
                    } catch (ParseException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<ParseException> errors = new ArrayList<>();
            for (Future<ParseException> outcome : outcomes) {
                errors.add(outcome.get());
            }
            return errors;
        }
    }

    private static Supplier<ClassSchema> write(SchemaController schemas, Object value) {
        return () -> schemas.validateObject("Race", Map.of("field", value), true);
    }

    @RepeatedTest(5)
    void concurrentFirstWritesOfTheSameFieldAllSucceed() throws Exception {
        SchemaController schemas = new SchemaController(storage);
        List<Supplier<ClassSchema>> calls = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            calls.add(write(schemas, i));
        }

        List<ParseException> errors = race(calls);

        assertTrue(errors.stream().allMatch(e -> e == null), () -> "errors: " + errors);
        assertEquals(FieldType.of("Number"), storage.stored("Race").orElseThrow().fields().get("field"));
    }

    @RepeatedTest(5)
    void concurrentFirstWritesWithDifferentTypesLetOneTypeWin() throws Exception {
        SchemaController schemas = new SchemaController(storage);
        List<Supplier<ClassSchema>> calls = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            calls.add(write(schemas, i % 2 == 0 ? (Object) i : "text" + i));
        }

        List<ParseException> errors = race(calls);

        assertLosersGotMismatch(errors);
    }

    @RepeatedTest(5)
    void replicasRacingOnOneStorageAgreeOnOneType() throws Exception {
        SchemaController first = new SchemaController(storage);
        SchemaController second = new SchemaController(storage);
        List<Supplier<ClassSchema>> calls = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            calls.add(i % 2 == 0 ? write(first, i) : write(second, "text" + i));
        }

        List<ParseException> errors = race(calls);

        assertLosersGotMismatch(errors);
    }

    /** Writers of the stored type succeed; the others fail with 111, never with anything else. */
    private void assertLosersGotMismatch(List<ParseException> errors) {
        FieldType winner = storage.stored("Race").orElseThrow().fields().get("field");
        int failures = 0;
        for (int i = 0; i < errors.size(); i++) {
            FieldType attempted = FieldType.of(i % 2 == 0 ? "Number" : "String");
            ParseException error = errors.get(i);
            if (attempted.equals(winner)) {
                assertEquals(null, error, "writer of the winning type failed");
            } else {
                assertEquals(111, error == null ? 0 : error.code(), () -> "loser got: " + error);
                failures++;
            }
        }
        assertEquals(WRITERS / 2, failures);
    }
}
