package dev.reparse.controlplane.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UsageCountersTest {

    @Test
    void theIncreaseIsTheDifferenceOfCumulativeCounters() {
        assertEquals(new UsageCounters(5, 50, 500, 1),
            new UsageCounters(15, 150, 1500, 3).since(new UsageCounters(10, 100, 1000, 2)));
    }

    @Test
    void aCounterThatWentDownMeansTheRouterRestartedAndAllOfItIsNew() {
        assertEquals(new UsageCounters(3, 30, 300, 0),
            new UsageCounters(3, 30, 300, 0).since(new UsageCounters(10, 100, 1000, 2)));
    }
}
