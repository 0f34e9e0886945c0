package dev.reparse.runtime;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds on what one query may cost the database ({@code reparse.query.*}); Parse Server has none of them. */
public interface QueryConfig {
    /** How long one database operation may run before it is stopped and answered with Parse error 124. */
    @WithDefault("10s")
    Duration maxTime();

    /** The longest {@code $regex} pattern, in characters. */
    @WithDefault("1000")
    int maxRegexLength();

    /** Whether regexes with catastrophic-backtracking shapes ({@code (a+)+}, {@code (.*a){25}}) are refused with 102. */
    @WithDefault("true")
    boolean rejectRiskyRegex();

    /** The most values one {@code $in}, {@code $nin}, {@code $all} or {@code $containedBy} may list. */
    @WithDefault("10000")
    int maxInValues();

    /** The largest {@code skip} a query may ask for. */
    @WithDefault("100000")
    int maxSkip();
}
