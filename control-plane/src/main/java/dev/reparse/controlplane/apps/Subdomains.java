package dev.reparse.controlplane.apps;

import java.text.Normalizer;
import java.util.Locale;

/** The host-name label the router matches ({@code <subdomain>.<domain>}), derived from an app's name. */
final class Subdomains {
    static final int MAX = 40;

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

    /** The slug made unique with part of the application ID, for when another live app holds the plain one. */
    static String disambiguated(String slug, String applicationId) {
        return slug + "-" + applicationId.substring(0, 6).toLowerCase(Locale.ROOT);
    }
}
