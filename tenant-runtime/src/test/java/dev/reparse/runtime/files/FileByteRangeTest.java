package dev.reparse.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.reparse.runtime.files.ByteRange.Partial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileByteRangeTest {

    @ParameterizedTest
    @CsvSource({"bytes=0-9,0,9", "bytes=10-,10,99", "bytes=-10,90,99", "bytes=90-500,90,99", "bytes=-500,0,99",
            "BYTES= 5 - 5 ,5,5", "bytes=99-99,99,99"})
    void clampsRangesToTheFile(String header, long start, long end) {
        Partial partial = assertInstanceOf(Partial.class, ByteRange.parse(header, 100));
        assertEquals(new ByteRange(start, end), partial.range());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0"})
    void rangesPastTheEndAreUnsatisfiable(String header) {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse(header, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "items=0-5", "bytes=5-1", "bytes=0-1,5-6", "bytes=a-b",
            "bytes=99999999999999999999-"})
    void malformedOrMultipleRangesServeTheWholeFile(String header) {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(header, 100));
    }

    @Test
    void noHeaderServesTheWholeFile() {
        assertInstanceOf(ByteRange.Whole.class, ByteRange.parse(null, 100));
    }

    @Test
    void anEmptyFileSatisfiesNoRange() {
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=0-", 0));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.parse("bytes=-5", 0));
    }
}
