package dev.reparse.controlplane.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.protocol.ParseErrorCode;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host-name label the router matches ({@code <subdomain>.<domain>}): derived from an app's name when it is
 * created, or chosen explicitly; it never changes by itself afterwards.
 */
final class Subdomains {
    static final int MAX = 40;
    /** A DNS label: letters (lower case), digits and inner hyphens, at most 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Subdomains() {
    }

    /** "My Cool App!" becomes "my-cool-app"; a name with no letters or digits becomes "app". */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "app" : slug;
    }

    /** An explicit {@code subdomain} of a create or update body, validated; empty when absent. */
    static Optional<String> requested(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || !LABEL.matcher(value.asText()).matches()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "subdomain must be 1 to 63 lower-case letters, "
                + "digits or hyphens, neither starting nor ending with a hyphen.");
        }
        return Optional.of(value.asText());
    }

    /** The slug made unique with part of the application ID, for when another live app holds the plain one. */
    static String disambiguated(String slug, String applicationId) {
        return slug + "-" + applicationId.substring(0, 6).toLowerCase(Locale.ROOT);
    }
}
