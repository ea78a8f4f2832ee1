package dev.gridha.services.dataaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataAccessSettingsTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(DataAccessSettings.URL);
        System.clearProperty(DataAccessSettings.LEAK_BYTES_PER_REQUEST);
    }

    @Test
    void withNothingSetTheDemoDatabaseIsUsedAndTheLeakIsOff() {
        DataAccessSettings settings = DataAccessSettings.read(name -> null);

        assertThat(settings.usesDemoDatabase()).isTrue();
        assertThat(settings.leakBytesPerRequest()).isZero();
    }

    @Test
    void contextParametersAreRead() {
        Map<String, String> parameters = Map.of(DataAccessSettings.URL, "jdbc:mysql://db:3306/grid",
                DataAccessSettings.USER, "reader", DataAccessSettings.PASSWORD, "secret",
                DataAccessSettings.LEAK_BYTES_PER_REQUEST, "65536");

        DataAccessSettings settings = DataAccessSettings.read(parameters::get);

        assertThat(settings).isEqualTo(new DataAccessSettings("jdbc:mysql://db:3306/grid", "reader", "secret", 65536));
    }

    @Test
    void aSystemPropertyServesWhereNoContextParameterIsSet() {
        System.setProperty(DataAccessSettings.LEAK_BYTES_PER_REQUEST, "4096");

        assertThat(DataAccessSettings.read(name -> null).leakBytesPerRequest()).isEqualTo(4096);
    }

    @Test
    void theContextParameterWinsOverTheSystemProperty() {
        System.setProperty(DataAccessSettings.LEAK_BYTES_PER_REQUEST, "4096");

        DataAccessSettings settings = DataAccessSettings.read(
                Map.of(DataAccessSettings.LEAK_BYTES_PER_REQUEST, "0")::get);

        assertThat(settings.leakBytesPerRequest()).isZero();
    }

    @Test
    void aMalformedOrOutOfRangeLeakRateIsRefusedByName() {
        assertThatThrownBy(() -> DataAccessSettings.read(Map.of(DataAccessSettings.LEAK_BYTES_PER_REQUEST, "64k")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DataAccessSettings.LEAK_BYTES_PER_REQUEST);
        assertThatThrownBy(() -> DataAccessSettings.read(Map.of(DataAccessSettings.LEAK_BYTES_PER_REQUEST, "-1")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new DataAccessSettings("jdbc:h2:mem:x", "u", "hunter2", 0).toString()).doesNotContain("hunter2");
    }
}
