package dev.reparse.runtime.email.pages;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.email.pages.EmailPages.PageRequest;

/** The JSON answers Parse Server gives a reset form posted by script ({@code X-Requested-With: XMLHttpRequest}). */
final class ResetAnswers {
    static final String INVALID = "Failed to reset password: username / email / token is invalid";

    private ResetAnswers() {
    }

    static void missing(PageRequest request, String username, String token) {
        if (username == null) {
            error(request, new ParseException(ParseErrorCode.USERNAME_MISSING, "Missing username"));
        } else if (token == null) {
            error(request, new ParseException(ParseErrorCode.OTHER_CAUSE, "Missing token"));
        } else {
            error(request, new ParseException(ParseErrorCode.PASSWORD_MISSING, "Missing password"));
        }
    }

    static void xhr(PageRequest request, boolean reset) {
        if (reset) {
            EmailPages.send(request.response(), 200, "application/json; charset=utf-8",
                    Json.writeString("Password successfully reset"));
        } else {
            error(request, INVALID);
        }
    }

    static void error(PageRequest request, String message) {
        error(request, new ParseException(ParseErrorCode.OTHER_CAUSE, message));
    }

    private static void error(PageRequest request, ParseException e) {
        EmailPages.send(request.response(), e.httpStatus(), "application/json; charset=utf-8",
                Json.writeString(e.toBody()));
    }
}
