package dev.reparse.controlplane.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser reduced to what an OIDC login needs: a cookie jar, GET, form POST, and redirects left to the test. */
public final class Browser {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>", Pattern.DOTALL);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackIsSecure(cookies))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Keycloak marks its login cookies Secure; browsers send those to http://127.0.0.1 (a secure context), the JDK's
     * cookie manager does not, so the flag is dropped as cookies arrive.
     */
    private static final class LoopbackIsSecure extends CookieHandler {
        private final CookieManager jar;

        LoopbackIsSecure(CookieManager jar) {
            this.jar = jar;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return jar.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            jar.put(uri, responseHeaders);
            jar.getCookieStore().getCookies().forEach(c -> c.setSecure(false));
        }
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public HttpResponse<String> postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The cookie of that name the jar holds for any site, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(c -> c.getValue())
            .findFirst().orElse(null);
    }

    /** Where Keycloak's login page posts its username and password. */
    public static String loginFormAction(String html) {
        Matcher form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no Keycloak login form in: " + html.substring(0, Math.min(500, html.length())));
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("login form without action: " + form.group());
        }
        return action.group(1).replace("&amp;", "&");
    }

    /** The redirect target of an answer, resolved against its request. */
    public static String location(HttpResponse<?> answer) {
        String location = answer.headers().firstValue("Location")
            .orElseThrow(() -> new AssertionError("no redirect; HTTP " + answer.statusCode()));
        return answer.uri().resolve(location).toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
