package io.flead.connect.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void numbersBeyondADoubleAreNotNumbersAndAreToldApartFromText() {
        for (String overflow : new String[] {"1e309", "-1e400", "1" + "0".repeat(400), "+1.5E99999"}) {
            assertThat(Numbers.parse(overflow)).as(overflow).isNull();
            assertThat(Numbers.overflows(overflow)).as(overflow).isTrue();
        }
        for (String text : new String[] {"Infinity", "-Infinity", "NaN", "1e", "x"}) {
            assertThat(Numbers.parse(text)).as(text).isNull();
            assertThat(Numbers.overflows(text)).as(text).isFalse();
        }
    }

    @Test
    void finiteNumbersKeepTheirValues() {
        assertThat(Numbers.parse("1e308")).isEqualTo(1e308);
        assertThat(Numbers.parse("-1.7976931348623157E308")).isEqualTo(-Double.MAX_VALUE);
        assertThat(Numbers.parse("1e-400")).isEqualTo(0.0); // an underflow is a finite zero, not an error
        assertThat(Numbers.parse("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(Numbers.overflows("1e308")).isFalse();
    }
}
