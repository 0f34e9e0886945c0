package dev.reparse.runtime.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the app's code did not load, as its owner may see it: the error line with where in the app's files it was
 * ({@code SyntaxError: Unexpected token ')' (cloud/main.js:3)}), and the first lines of Node's report with paths made
 * relative to the app's folder; frames and paths outside it (the runner, Node's internals, the staging folder's
 * location) are left out.
 */
record LoadError(String summary, List<String> lines) {
    private static final int MAX_LINES = 8;
    private static final int MAX_CHARS = 240;
    private static final Pattern ERROR_LINE = Pattern.compile("^[\\w$.]*(Error|Exception)\\b.*");
    private static final Pattern HEADER = Pattern.compile("^([^\\s:()]+\\.[cm]?js):(\\d+)$");
    private static final Pattern FRAME = Pattern.compile("^\\s+at .*");
    private static final Pattern FRAME_PLACE = Pattern.compile("\\(?([^\\s()]+\\.[cm]?js:\\d+):\\d+\\)?$");
    private static final Pattern ABSOLUTE = Pattern.compile("(^|[\\s(\"'=\\[])(/[^\\s:()\"'\\]]+|node:[\\w/.-]+)");

    LoadError {
        lines = List.copyOf(lines);
    }

    /** A failure that is not the code's own (the runner did not start, a timeout): its message as it is. */
    static LoadError plain(String message) {
        String text = message == null || message.isBlank() ? "the Cloud Code did not load" : message.strip();
        String first = cut(ABSOLUTE.matcher(text.lines().findFirst().orElse(text)).replaceAll("$1…"));
        return new LoadError(first, List.of(first));
    }

    /** The runner's report ({@code e.stack}) of code staged in {@code staged}. */
    static LoadError of(String stack, Path staged) {
        if (stack == null || stack.isBlank()) {
            return plain(null);
        }
        String text = stack;
        for (String prefix : prefixes(staged)) {
            text = text.replace(prefix, "");
        }
        List<String> kept = new ArrayList<>();
        String errorLine = null;
        String place = null;
        for (String line : text.split("\n", -1)) {
            Matcher header = HEADER.matcher(line.strip());
            if (header.matches()) {
                place = place == null ? line.strip() : place;
            }
            if (FRAME.matcher(line).matches() || line.startsWith("- ")) {
                if (ABSOLUTE.matcher(line).find() || line.contains("[eval]")) {
                    continue;
                }
                Matcher frame = FRAME_PLACE.matcher(line.strip());
                if (place == null && frame.find()) {
                    place = frame.group(1);
                }
            }
            String masked = ABSOLUTE.matcher(line).replaceAll("$1…");
            if (errorLine == null && ERROR_LINE.matcher(masked.strip()).matches()) {
                errorLine = masked.strip();
            }
            if (!(masked.isBlank() && (kept.isEmpty() || kept.getLast().isBlank()))) {
                kept.add(cut(masked.stripTrailing()));
            }
        }
        while (!kept.isEmpty() && kept.getLast().isBlank()) {
            kept.removeLast();
        }
        if (errorLine == null) {
            errorLine = kept.stream().filter(l -> !l.isBlank() && !HEADER.matcher(l.strip()).matches()).findFirst()
                    .map(String::strip).orElse("the Cloud Code did not load");
        }
        String summary = cut(errorLine + (place == null ? "" : " (" + place + ")"));
        return new LoadError(summary, kept.size() > MAX_LINES ? kept.subList(0, MAX_LINES) : kept);
    }

    /** The staging folder as Node may print it: as given, and with links resolved. */
    private static Set<String> prefixes(Path staged) {
        Set<String> prefixes = new LinkedHashSet<>();
        if (staged == null) {
            return prefixes;
        }
        prefixes.add(staged.toAbsolutePath() + "/");
        try {
            prefixes.add(staged.toRealPath() + "/");
        } catch (IOException e) {
            // already gone: the path as given is all there is
        }
        return prefixes;
    }

    private static String cut(String line) {
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "…" : line;
    }

    /** The whole text: the kept lines. */
    String text() {
        return String.join("\n", lines);
    }
}
