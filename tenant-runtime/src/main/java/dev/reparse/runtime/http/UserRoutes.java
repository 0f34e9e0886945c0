package dev.reparse.runtime.http;

import dev.reparse.runtime.core.Auth;
import dev.reparse.runtime.core.FindRequest;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.users.Users;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The users and sessions routes ({@code /users}, {@code /login}, {@code /logout}, {@code /loginAs},
 * {@code /verifyPassword}, {@code /upgradeToRevocableSession}, {@code /sessions}): match, then call
 * the users feature, or the core for the plain object routes of {@code _User} and {@code _Session}.
 */
final class UserRoutes {
    private static final String USER = "_User";
    private static final String SESSION = "_Session";

    private final ParseCore core;
    private final Users users;
    private final BiFunction<ApiRequest, String, String> location;

    UserRoutes(ParseCore core, Users users, BiFunction<ApiRequest, String, String> location) {
        this.core = core;
        this.users = users;
        this.location = location;
    }

    ApiResponse route(Auth auth, String method, List<String> segments, ApiRequest request) {
        String root = segments.get(0);
        boolean post = method.equals("POST");
        boolean getOrPost = post || method.equals("GET");
        if (segments.size() != 1 && !root.equals("users") && !root.equals("sessions")) {
            return ParseApi.notFound(request);
        }
        return switch (root) {
            case "users" -> objects(auth, method, segments, request, USER);
            case "sessions" -> objects(auth, method, segments, request, SESSION);
            case "login" -> getOrPost ? ApiResponse.ok(users.logIn(auth, request.params())) : ParseApi.notFound(request);
            case "verifyPassword" -> getOrPost ? ApiResponse.ok(users.verifyPassword(auth, request.params()))
                    : ParseApi.notFound(request);
            case "logout" -> post ? ApiResponse.ok(users.logOut(auth)) : ParseApi.notFound(request);
            case "loginAs" -> post ? ApiResponse.ok(users.logInAs(auth, request.params())) : ParseApi.notFound(request);
            case "upgradeToRevocableSession" -> post ? ApiResponse.ok(users.upgradeToRevocableSession(auth))
                    : ParseApi.notFound(request);
            default -> ParseApi.notFound(request);
        };
    }

    /** {@code POST /users} and {@code POST /classes/_User}: 201 for a new user, 200 for an authData login. */
    ApiResponse signUp(Auth auth, ApiRequest request) {
        Users.SignUp signUp = users.signUp(auth, request.params());
        if (!signUp.created()) {
            return ApiResponse.ok(signUp.response());
        }
        return created(request, "/users/", signUp.response());
    }

    private ApiResponse objects(Auth auth, String method, List<String> segments, ApiRequest request, String className) {
        if (segments.size() == 1) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(core.find(auth, className, FindRequest.fromParams(request.params())));
                case "POST" -> className.equals(USER) ? signUp(auth, request)
                        : created(request, "/sessions/", core.create(auth, className, request.params()));
                default -> ParseApi.notFound(request);
            };
        }
        if (segments.size() != 2) {
            return ParseApi.notFound(request);
        }
        String id = segments.get(1);
        if (id.equals("me") && method.equals("GET")) {
            return ApiResponse.ok(className.equals(USER) ? users.me(auth) : users.sessionMe(auth));
        }
        return switch (method) {
            case "GET" -> ApiResponse.ok(core.get(auth, className, id, ParseApi.getOptions(request.params())));
            case "PUT" -> ApiResponse.ok(core.update(auth, className, id, request.params()));
            case "DELETE" -> {
                core.delete(auth, className, id);
                yield ApiResponse.ok(Map.of());
            }
            default -> ParseApi.notFound(request);
        };
    }

    private ApiResponse created(ApiRequest request, String path, Map<String, Object> body) {
        return new ApiResponse(201, body, Map.of("Location", location.apply(request, path + body.get("objectId"))));
    }
}
