package dev.reparse.runtime.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Finds the regular-expression shapes that make a backtracking engine (MongoDB's PCRE, Java's
 * {@code java.util.regex}) take exponential or high-polynomial time on a long string, so a query
 * can be refused before it reaches the shared database: a repeated group that itself holds an
 * unbounded quantifier ({@code (a+)+}, {@code (.*a){25}}), a repeated group whose alternatives
 * overlap ({@code (a|ab)*}), and many unbounded quantifiers in one pattern ({@code .*a.*a.*a...}).
 *
 * <p>A heuristic over the pattern's text, not a full parser: {@code \Q...\E} quoting (what the SDKs'
 * {@code startsWith}/{@code contains}/{@code endsWith} send), escapes and character classes are
 * read as single atoms; everything it does not understand is treated as an ordinary atom.
 */
final class RegexSafety {
    /** More unbounded quantifiers than this in one pattern give a polynomial of too high a degree. */
    static final int MAX_UNBOUNDED_QUANTIFIERS = 5;
    /** A group repeated more often than this may not hold even a bounded quantifier ({@code (a?){25}}). */
    private static final long MANY = 10;

    private RegexSafety() {
    }

    /** Why the pattern is risky, or empty when it is not. */
    static Optional<String> riskOf(String pattern) {
        return new Scan(pattern).run();
    }

    /** One group being read: what it holds so far. */
    private static final class Group {
        boolean holdsUnbounded;
        boolean holdsQuantifier;
        final List<StringBuilder> alternatives = new ArrayList<>(List.of(new StringBuilder()));

        void append(String text) {
            alternatives.get(alternatives.size() - 1).append(text);
        }
    }

    private static final class Scan {
        private final String pattern;
        private final Deque<Group> groups = new ArrayDeque<>();
        private int pos;
        private int unbounded;

        Scan(String pattern) {
            this.pattern = pattern;
            groups.push(new Group());
        }

        Optional<String> run() {
            while (pos < pattern.length()) {
                char c = pattern.charAt(pos);
                Optional<String> risk = switch (c) {
                    case '\\' -> atom(escape());
                    case '[' -> atom(characterClass());
                    case '(' -> openGroup();
                    case ')' -> closeGroup();
                    case '|' -> alternative();
                    default -> atom(String.valueOf(pattern.charAt(pos++)));
                };
                if (risk.isPresent()) {
                    return risk;
                }
            }
            if (unbounded > MAX_UNBOUNDED_QUANTIFIERS) {
                return Optional.of("more than " + MAX_UNBOUNDED_QUANTIFIERS + " unbounded quantifiers (*, +, {n,})");
            }
            return Optional.empty();
        }

        private Optional<String> atom(String text) {
            Quantifier quantifier = quantifier();
            groups.peek().append(text + quantifier.text());
            groups.peek().holdsQuantifier |= quantifier.max() > 0;
            if (quantifier.unbounded()) {
                unbounded++;
                groups.peek().holdsUnbounded = true;
            }
            return Optional.empty();
        }

        private Optional<String> openGroup() {
            pos++;
            if (pattern.startsWith("?", pos)) {
                // (?:  (?=  (?!  (?<=  (?<!  (?<name>  (?i)  (?i:  — the group's body starts after the header
                int end = pos + 1;
                if (pattern.startsWith("<", end) && end + 1 < pattern.length()
                        && Character.isLetter(pattern.charAt(end + 1))) {
                    end = Math.max(end, pattern.indexOf('>', end) + 1);
                } else {
                    while (end < pattern.length() && "imsxuUd-=!<".indexOf(pattern.charAt(end)) >= 0) {
                        end++;
                    }
                    if (end < pattern.length() && pattern.charAt(end) == ':') {
                        end++;
                    }
                }
                pos = Math.min(end, pattern.length());
            }
            groups.push(new Group());
            return Optional.empty();
        }

        private Optional<String> closeGroup() {
            pos++;
            if (groups.size() == 1) {
                return Optional.empty(); // unbalanced: the database will refuse it
            }
            Group group = groups.pop();
            Quantifier quantifier = quantifier();
            if (quantifier.repeats() && group.holdsUnbounded) {
                return Optional.of("a repeated group that holds an unbounded quantifier (nested quantifiers)");
            }
            if (quantifier.max() > MANY && group.holdsQuantifier) {
                return Optional.of("a group repeated many times that holds a quantifier (nested quantifiers)");
            }
            if (quantifier.unbounded() && overlap(group.alternatives)) {
                return Optional.of("a repeated group whose alternatives overlap");
            }
            Group parent = groups.peek();
            parent.append("(" + String.join("|", group.alternatives) + ")" + quantifier.text());
            if (group.holdsUnbounded || quantifier.unbounded()) {
                parent.holdsUnbounded = true;
            }
            parent.holdsQuantifier |= group.holdsQuantifier || quantifier.max() > 0;
            if (quantifier.unbounded()) {
                unbounded++;
            }
            return Optional.empty();
        }

        private Optional<String> alternative() {
            pos++;
            groups.peek().alternatives.add(new StringBuilder());
            return Optional.empty();
        }

        /** An escape as one atom; {@code \Q...\E} quotes everything up to {@code \E} (or the end). */
        private String escape() {
            int start = pos;
            if (pattern.startsWith("\\Q", pos)) {
                int end = pattern.indexOf("\\E", pos + 2);
                pos = end < 0 ? pattern.length() : end + 2;
                return pattern.substring(start, pos);
            }
            pos = Math.min(pos + 2, pattern.length());
            if (pos < pattern.length() && pattern.charAt(pos) == '{' && "pPxNk".indexOf(pattern.charAt(pos - 1)) >= 0) {
                int end = pattern.indexOf('}', pos);
                pos = end < 0 ? pattern.length() : end + 1;
            }
            return pattern.substring(start, pos);
        }

        /** A character class as one atom, nested classes and escapes included. */
        private String characterClass() {
            int start = pos;
            int depth = 0;
            do {
                char c = pattern.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (c == '[') {
                    depth++;
                    pos++;
                    if (pos < pattern.length() && pattern.charAt(pos) == '^') {
                        pos++;
                    }
                    if (pos < pattern.length() && pattern.charAt(pos) == ']') {
                        pos++; // a leading ] is a literal
                    }
                    continue;
                }
                if (c == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0 && pos < pattern.length());
            pos = Math.min(pos, pattern.length());
            return pattern.substring(start, pos);
        }

        /** The quantifier after an atom, if any, with its lazy/possessive suffix. */
        private Quantifier quantifier() {
            if (pos >= pattern.length()) {
                return Quantifier.NONE;
            }
            int start = pos;
            char c = pattern.charAt(pos);
            Quantifier quantifier;
            if (c == '*' || c == '+') {
                pos++;
                quantifier = new Quantifier("", Long.MAX_VALUE);
            } else if (c == '?') {
                pos++;
                quantifier = new Quantifier("", 1);
            } else if (c == '{') {
                quantifier = braces();
                if (quantifier == null) {
                    return Quantifier.NONE;
                }
            } else {
                return Quantifier.NONE;
            }
            if (pos < pattern.length() && (pattern.charAt(pos) == '?' || pattern.charAt(pos) == '+')) {
                pos++;
            }
            return new Quantifier(pattern.substring(start, pos), quantifier.max());
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}}; null when the brace is a literal. */
        private Quantifier braces() {
            int close = pattern.indexOf('}', pos);
            if (close < 0) {
                return null;
            }
            String body = pattern.substring(pos + 1, close);
            if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
                return null;
            }
            pos = close + 1;
            String[] bounds = body.split(",", -1);
            if (bounds.length == 2 && bounds[1].isEmpty()) {
                return new Quantifier("", Long.MAX_VALUE);
            }
            return new Quantifier("", Long.parseLong(bounds[bounds.length - 1]));
        }
    }

    /** Whether two alternatives are equal or one is a prefix of the other (the empty one included). */
    private static boolean overlap(List<StringBuilder> alternatives) {
        if (alternatives.size() < 2) {
            return false;
        }
        for (int i = 0; i < alternatives.size(); i++) {
            for (int j = i + 1; j < alternatives.size(); j++) {
                String a = alternatives.get(i).toString();
                String b = alternatives.get(j).toString();
                if (a.startsWith(b) || b.startsWith(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param text as written, lazy or possessive suffix included
     * @param max the most times the atom may match: 0 for no quantifier, {@code Long.MAX_VALUE} for
     *     {@code *}, {@code +} and {@code {n,}}
     */
    private record Quantifier(String text, long max) {
        static final Quantifier NONE = new Quantifier("", 0);

        boolean unbounded() {
            return max == Long.MAX_VALUE;
        }

        boolean repeats() {
            return max > 1;
        }
    }
}
