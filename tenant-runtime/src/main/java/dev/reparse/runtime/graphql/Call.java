package dev.reparse.runtime.graphql;

import dev.reparse.runtime.core.Auth;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One GraphQL request's caller, as the REST edge authenticated it, and how its answers get their file URLs.
 *
 * @param fileUrls fills the {@code url} of every Parse file in a REST answer, as the client reached the server
 */
record Call(Auth auth, Optional<String> installationId, UnaryOperator<Object> fileUrls) {
    static final String KEY = "reparse.graphql.call";
}
