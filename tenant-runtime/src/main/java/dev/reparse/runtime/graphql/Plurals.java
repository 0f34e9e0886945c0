package dev.reparse.runtime.graphql;

import java.util.Map;
import java.util.Set;

/**
 * English plurals for the find queries' names ({@code gameScore} → {@code gameScores}), following the npm
 * {@code pluralize} rules Parse Server uses for the common cases: regular words, -s/-x/-ch/-sh/-z, -y, -f/-fe,
 * a few irregular and uncountable words. The last word of a camelCase name is the one made plural.
 */
final class Plurals {
    private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("person", "people"),
            Map.entry("man", "men"), Map.entry("woman", "women"), Map.entry("child", "children"),
            Map.entry("tooth", "teeth"), Map.entry("foot", "feet"), Map.entry("mouse", "mice"),
            Map.entry("goose", "geese"), Map.entry("ox", "oxen"), Map.entry("datum", "data"),
            Map.entry("index", "indices"), Map.entry("matrix", "matrices"), Map.entry("vertex", "vertices"),
            Map.entry("criterion", "criteria"), Map.entry("analysis", "analyses"), Map.entry("quiz", "quizzes"));
    private static final Set<String> UNCOUNTABLE = Set.of("data", "information", "equipment", "news", "series",
            "species", "sheep", "fish", "deer", "money", "rice", "music", "media", "metadata", "feedback", "software",
            "traffic", "weather", "staff", "police", "advice", "jeans", "settings");

    private Plurals() {
    }

    static String of(String name) {
        int split = lastWordStart(name);
        String head = name.substring(0, split);
        String word = name.substring(split);
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (UNCOUNTABLE.contains(lower)) {
            return name;
        }
        String plural = IRREGULAR.containsKey(lower) ? keepCase(word, IRREGULAR.get(lower)) : regular(word, lower);
        return head + plural;
    }

    private static int lastWordStart(String name) {
        for (int i = name.length() - 1; i > 0; i--) {
            if (Character.isUpperCase(name.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static String keepCase(String word, String plural) {
        return Character.isUpperCase(word.charAt(0))
                ? Character.toUpperCase(plural.charAt(0)) + plural.substring(1) : plural;
    }

    private static String regular(String word, String lower) {
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return word + "es";
        }
        if (lower.endsWith("y") && lower.length() > 1 && !isVowel(lower.charAt(lower.length() - 2))) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (lower.endsWith("fe")) {
            return word.substring(0, word.length() - 2) + "ves";
        }
        if (lower.endsWith("lf") || lower.endsWith("af")) {
            return word.substring(0, word.length() - 1) + "ves";
        }
        return word + "s";
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
