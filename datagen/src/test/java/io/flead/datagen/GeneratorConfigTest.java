package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

    @Test
    void defaultsMatchTheDocumentedFleet() {
        GeneratorConfig c = GeneratorConfig.defaults();
        assertThat(c.devices()).isEqualTo(2400);
        assertThat(c.rows()).isEqualTo(1000);
        assertThat(c.holdoutRows()).isEqualTo(200);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.driftDevices().resolve(2400)).isZero();
        assertThat(c.attackFree().resolve(2400)).isEqualTo(360);
        assertThat(c.driftStartRow()).isEqualTo(700);
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> GeneratorConfig.defaults().withDevices(0))
            .hasMessage("Invalid value '0' for 'devices': must be at least 1");
        assertThatThrownBy(() -> GeneratorConfig.defaults().withDrift(DeviceShare.NONE, 1.0))
            .hasMessageContaining("'1.0' for 'driftAt'");
        assertThatThrownBy(() -> GeneratorConfig.defaults().withHoldoutRows(-1))
            .hasMessageContaining("'-1' for 'holdoutRows'");
    }

    @Test
    void deviceSharesResolveCountsAndPercentages() {
        assertThat(DeviceShare.parse("5%").resolve(2400)).isEqualTo(120);
        assertThat(DeviceShare.parse("2.5%").resolve(100)).isEqualTo(3);
        assertThat(DeviceShare.parse("12").resolve(2400)).isEqualTo(12);
        assertThat(DeviceShare.parse("12").resolve(5)).isEqualTo(5);
        assertThat(DeviceShare.parse("100%").resolve(7)).isEqualTo(7);
        assertThat(DeviceShare.parse(" 5% ").toString()).isEqualTo("5%");
    }

    @Test
    void badDeviceSharesQuoteTheText() {
        assertThatThrownBy(() -> DeviceShare.parse("lots")).hasMessageContaining("'lots'");
        assertThatThrownBy(() -> DeviceShare.parse("101%")).hasMessageContaining("'101%'");
        assertThatThrownBy(() -> DeviceShare.parse("-1")).hasMessageContaining("'-1'");
        assertThatThrownBy(() -> DeviceShare.parse("1.5")).hasMessageContaining("'1.5'");
    }
}
