package dev.gridha.services.dataaccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class DemoDatabaseTest {

    @Test
    void holdsTheSeededMachines() throws SQLException {
        try (DemoDatabase database = DemoDatabase.create();
                Connection connection = database.readerDataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), MIN(name), MAX(name) FROM machines")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(DemoDatabase.MACHINES);
            assertThat(rows.getString(2)).isEqualTo("node-001");
            assertThat(rows.getString(3)).isEqualTo("node-100");
        }
    }

    @Test
    void theReaderCannotWriteEvenWhenAStatementGetsPastTheRules() throws SQLException {
        try (DemoDatabase database = DemoDatabase.create();
                Connection connection = database.readerDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM machines"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("rights");
            assertThatThrownBy(() -> statement.executeQuery("SELECT FILE_READ('/etc/hostname')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void closingDropsTheDatabase() throws SQLException {
        DemoDatabase database = DemoDatabase.create();
        database.close();

        // H2 would create an empty database under the same name; the seeded table is gone with the old one
        org.h2.jdbcx.JdbcDataSource sameName = new org.h2.jdbcx.JdbcDataSource();
        sameName.setURL(database.url());
        try (Connection connection = sameName.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM machines"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("MACHINES");
        }
    }
}
