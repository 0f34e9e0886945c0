package dev.reparse.runtime.email.pages;

import dev.reparse.runtime.email.Branding;

/** The pages' HTML: one branded layout, every value escaped where it is inserted. */
final class Html {
    private Html() {
    }

    /** Text safe inside element content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: {@code title} is text, {@code body} is HTML the caller built with {@link #escape}. */
    static String page(Branding branding, String title, String body) {
        String logo = branding.logoUrl()
                .map(url -> "<img class=\"logo\" src=\"" + escape(url.toString()) + "\" alt=\"\">")
                .orElse("");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0;
                  background: #f5f6f8; color: #1e2630; }
                header { background: %s; color: #fff; padding: 16px 24px; font-size: 18px; font-weight: 600; }
                header .logo { height: 32px; vertical-align: middle; margin-right: 12px; }
                main { max-width: 420px; margin: 48px auto; background: #fff; border-radius: 8px; padding: 32px;
                  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
                h1 { font-size: 22px; margin-top: 0; }
                label { display: block; margin: 16px 0 4px; font-size: 14px; }
                input[type=password] { width: 100%%; box-sizing: border-box; padding: 10px; font-size: 16px;
                  border: 1px solid #c5cad3; border-radius: 4px; }
                button { margin-top: 24px; background: %s; color: #fff; border: 0; border-radius: 4px; padding: 12px 20px;
                  font-size: 16px; cursor: pointer; }
                .error { color: #b00020; }
                </style>
                </head>
                <body>
                <header>%s%s</header>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), branding.color(), branding.color(), logo, escape(branding.appName()),
                escape(title), body);
    }

    static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>";
    }
}
