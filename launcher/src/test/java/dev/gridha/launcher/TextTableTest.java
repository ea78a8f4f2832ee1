package dev.gridha.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {

    private static List<String> print(TextTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void headerThenRuleThenRowsEachIndentedTwoSpaces() {
        List<String> lines = print(new TextTable("name", "ops/s").row("alpha", "12").row("b", "3"));

        assertThat(lines).hasSize(4);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("  ").doesNotStartWith("   "));
        assertThat(lines.get(0).split(" +")).containsExactly("", "name", "ops/s");
        assertThat(lines.get(1).split(" +")).containsExactly("", "-----", "-----");
        assertThat(lines.get(2).split(" +")).containsExactly("", "alpha", "12");
        assertThat(lines.get(3).split(" +")).containsExactly("", "b", "3");
    }

    @Test
    void columnIsAsWideAsItsWidestCellPlusTwoSpaces() {
        List<String> lines = print(new TextTable("name", "ops/s", "p99")
                .row("a-much-longer-name", "12", "7")
                .row("b", "1234567", "8"));

        // Column 1 is 18 wide (the long name), column 2 is 7 wide (1234567); each is followed by two spaces.
        int second = 2 + 18 + 2;
        int third = second + 7 + 2;
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.charAt(second - 1)).isEqualTo(' ');
            assertThat(line.charAt(second)).isNotEqualTo(' ');
            assertThat(line.charAt(third - 1)).isEqualTo(' ');
            assertThat(line.charAt(third)).isNotEqualTo(' ');
        });
        assertThat(lines.get(0)).isEqualTo("  name                ops/s    p99");
        assertThat(lines.get(1)).isEqualTo("  ------------------  -------  ---");
        assertThat(lines.get(2)).isEqualTo("  a-much-longer-name  12       7");
        assertThat(lines.get(3)).isEqualTo("  b                   1234567  8");
    }

    @Test
    void headerWiderThanEveryCellSetsTheWidth() {
        List<String> lines = print(new TextTable("a-wide-header", "x").row("1", "2"));

        assertThat(lines.get(1)).isEqualTo("  -------------  -");
        assertThat(lines.get(2)).isEqualTo("  1              2");
    }

    @Test
    void tableWithoutRowsPrintsHeaderAndRule() {
        assertThat(print(new TextTable("only", "header")))
                .containsExactly("  only  header", "  ----  ------");
    }

    @Test
    void cellsAreWrittenWithStringValueOf() {
        List<String> lines = print(new TextTable("n", "v").row(42, null));
        assertThat(lines.get(2)).isEqualTo("  42  null");
    }

    @Test
    void rowWithTooFewCellsThrows() {
        TextTable table = new TextTable("a", "b", "c");
        assertThatIllegalArgumentException().isThrownBy(() -> table.row("1", "2"))
                .withMessage("row has 2 cells, table has 3");
    }

    @Test
    void rowWithTooManyCellsThrowsAndIsNotAdded() {
        TextTable table = new TextTable("a");
        assertThatIllegalArgumentException().isThrownBy(() -> table.row("1", "2"))
                .withMessage("row has 2 cells, table has 1");
        assertThat(print(table)).containsExactly("  a", "  -");
    }
}
