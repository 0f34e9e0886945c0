package dev.reparse.runtime.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MailTemplateTest {
    private static final MailTemplate.Values VALUES = new MailTemplate.Values("Anypic",
            "https://api.example.com/parse/apps/a/verify_email?token=T&username=sean", "sean@example.com", "sean");

    @Test
    void verificationDefaultsReadAsParseComWordedThem() {
        assertEquals("Please verify your e-mail for Anypic", MailTemplate.DEFAULT_VERIFICATION.subject(VALUES));
        assertEquals("Hi,\n\nYou are being asked to confirm the e-mail address sean@example.com with Anypic\n\n"
                + "Click here to confirm it:\nhttps://api.example.com/parse/apps/a/verify_email?token=T&username=sean",
                MailTemplate.DEFAULT_VERIFICATION.body(VALUES));
    }

    @Test
    void passwordResetDefaultsNameTheUsername() {
        assertEquals("Password Reset for Anypic", MailTemplate.DEFAULT_PASSWORD_RESET.subject(VALUES));
        assertEquals("Hi,\n\nYou requested to reset your password for Anypic (your username is 'sean').\n\n"
                + "Click here to reset it:\n" + VALUES.link(), MailTemplate.DEFAULT_PASSWORD_RESET.body(VALUES));
    }

    @Test
    void fillsEveryPlaceholderAndLeavesUnknownOnesAlone() {
        MailTemplate template = new MailTemplate("%appname%: %username%", "%email% %link% %other% 100%");
        assertEquals("Anypic: sean", template.subject(VALUES));
        assertEquals("sean@example.com " + VALUES.link() + " %other% 100%", template.body(VALUES));
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsNotExpandedAgain() {
        MailTemplate.Values sly = new MailTemplate.Values("A", "https://x/y", "e@x", "%link%$1\\");
        assertEquals("user %link%$1\\ link https://x/y", new MailTemplate("s", "user %username% link %link%").body(sly));
    }

    @Test
    void aSubjectStaysOnOneLineWhateverTheValuesHold() {
        MailTemplate.Values broken = new MailTemplate.Values("App\r\nBcc: victim@example.com", "", "", "");
        assertEquals("Hi App Bcc: victim@example.com", new MailTemplate("Hi %appname%", "b").subject(broken));
    }

    @Test
    void refusesATemplateWithoutSubjectOrBody() {
        assertThrows(IllegalArgumentException.class, () -> new MailTemplate(" ", "body"));
        assertThrows(IllegalArgumentException.class, () -> new MailTemplate("subject", ""));
    }
}
