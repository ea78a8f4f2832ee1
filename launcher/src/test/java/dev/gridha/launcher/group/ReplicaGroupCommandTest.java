package dev.gridha.launcher.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplicaGroupCommandTest {

    @Test
    void extraJvmOptionsComeBeforeTheMainClassSoTheChildJvmReadsThemAndTheCommandDoesNot() {
        List<String> command = ReplicaGroup.childCommand(List.of("-Dgridha.chaos.pause-at=BEFORE_REPLY@7"),
                List.of("up", "--port", "8080"));

        int option = command.indexOf("-Dgridha.chaos.pause-at=BEFORE_REPLY@7");
        int main = Math.max(command.indexOf("-jar"), command.indexOf("dev.gridha.launcher.GridhaCommand"));
        assertThat(option).isPositive().isLessThan(main);
        assertThat(command.subList(command.size() - 3, command.size())).containsExactly("up", "--port", "8080");
    }

    @Test
    void withoutExtraOptionsTheCommandIsTheLaunchersOwn() {
        List<String> command = ReplicaGroup.childCommand(List.of(), List.of("up"));

        assertThat(command).noneMatch(part -> part.startsWith("-Dgridha.chaos"));
        assertThat(command.get(command.size() - 1)).isEqualTo("up");
    }
}
