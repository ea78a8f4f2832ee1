package dev.gridha.container.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances on one prefix stand for the two web applications (groups) of one process. */
class PrimaryGroupsTest {

    private final String prefix = "gridha.chaos.test-" + System.nanoTime() + ".";
    private final PrimaryGroups counter = new PrimaryGroups(prefix);
    private final PrimaryGroups matchmaker = new PrimaryGroups(prefix);

    @AfterEach
    void forgetTheSharedProperties() {
        System.getProperties().keySet().removeIf(name -> name.toString().startsWith(prefix));
    }

    @Test
    void aProcessThatNeverCommittedIsNotBackedUpSoABackupIsNeverStopped() {
        assertThat(counter.allBackedUp()).isFalse();
        assertThat(matchmaker.allBackedUp()).isFalse();
    }

    @Test
    void aGroupThatCommitsWithoutABackupHoldsBackEveryGroupOfTheProcessUntilOneJoinsIt() {
        counter.committedTo(1);
        assertThat(matchmaker.allBackedUp()).isTrue(); // the matchmaker is a backup here: it commits nothing

        matchmaker.committedTo(0); // primary alone: killing the process would leave its group no one
        assertThat(counter.allBackedUp()).isFalse();
        assertThat(matchmaker.allBackedUp()).isFalse();

        matchmaker.committedTo(2);
        assertThat(counter.allBackedUp()).isTrue();

        counter.committedTo(0);
        assertThat(matchmaker.allBackedUp()).isFalse();
    }
}
