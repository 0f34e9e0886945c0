package dev.reparse.runtime.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.Set;
import java.util.function.Supplier;

/** Driver failures to Parse errors; the client never sees a driver message, the log does. */
final class MongoErrors {
    static final String DUPLICATE_VALUE = "A duplicate value for a field with unique values was provided";
    static final int NAMESPACE_EXISTS = 48;
    static final int INVALID_NAMESPACE = 73;
    static final String TIMED_OUT = "The database operation took longer than the server allows and was stopped "
            + "(reparse.query.max-time); narrow the query or add an index.";

    /** Server codes meaning the query itself cannot run (bad value, parse failure, missing text/geo index). */
    private static final Set<Integer> BAD_QUERY_CODES = Set.of(2, 9, 14, 27, 291, 17007);
    private static final System.Logger LOG = System.getLogger(MongoErrors.class.getName());

    private MongoErrors() {
    }

    static <T> T call(Supplier<T> action) {
        return call(DUPLICATE_VALUE, action);
    }

    static <T> T call(String duplicateMessage, Supplier<T> action) {
        try {
            return action.get();
        } catch (MongoException e) {
            throw translate(e, duplicateMessage);
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static ParseException translate(MongoException e, String duplicateMessage) {
        if (isDuplicateKey(e)) {
            return new ParseException(ParseErrorCode.DUPLICATE_VALUE, duplicateMessage);
        }
        if (e instanceof MongoOperationTimeoutException || e instanceof MongoExecutionTimeoutException) {
            LOG.log(System.Logger.Level.WARNING, "a database operation ran out of time: " + e.getMessage());
            return new ParseException(ParseErrorCode.TIMEOUT, TIMED_OUT);
        }
        if (e instanceof MongoInterruptedException) {
            // the request was abandoned (its client went away) and its thread interrupted: nobody reads this answer
            LOG.log(System.Logger.Level.DEBUG, "a database operation was interrupted", e);
            return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "The request was abandoned.");
        }
        if (e instanceof MongoServerException && BAD_QUERY_CODES.contains(e.getCode())) {
            LOG.log(System.Logger.Level.DEBUG, "query refused by MongoDB", e);
            return ParseException.invalidQuery("The query could not be run by the database.");
        }
        LOG.log(System.Logger.Level.ERROR, "MongoDB operation failed", e);
        return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Database operation failed.");
    }

    /** One refused document of a bulk insert. */
    static ParseException translate(com.mongodb.bulk.BulkWriteError error) {
        if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
            return new ParseException(ParseErrorCode.DUPLICATE_VALUE, DUPLICATE_VALUE);
        }
        LOG.log(System.Logger.Level.ERROR, "MongoDB refused a document: " + error.getMessage());
        return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Database operation failed.");
    }

    static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return ErrorCategory.fromErrorCode(write.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    /** Whether a find failed only because a {@code $nearSphere} field has no geo index yet. */
    static boolean isMissingGeoIndex(MongoException e) {
        String message = String.valueOf(e.getMessage());
        return e.getCode() == 17007 || message.contains("unable to find index for $geoNear");
    }
}
