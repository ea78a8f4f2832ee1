package dev.gridha.container.wsrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResourceKeyTest {

    @Test
    void acceptsUuid() {
        String uuid = UUID.randomUUID().toString();
        assertThat(new ResourceKey(uuid).value()).isEqualTo(uuid);
    }

    @Test
    void acceptsEveryAllowedCharacter() {
        String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:~-";
        assertThat(new ResourceKey(all).toString()).isEqualTo(all);
    }

    @Test
    void acceptsExactlyMaxLength() {
        String longest = "k".repeat(ResourceKey.MAX_LENGTH);
        assertThat(new ResourceKey(longest).value()).hasSize(128);
    }

    @Test
    void rejectsOneCharacterOverMaxLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey("k".repeat(ResourceKey.MAX_LENGTH + 1)));
    }

    @Test
    void rejectsEmpty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey(""))
                .withMessageContaining("1-128 characters");
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> new ResourceKey(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a<b", "a\u0000b", "a\nb", "a\tb", "a\u007fb", "é", "a%20b"})
    void rejectsCharactersOutsideTheAllowedSet(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey(key));
    }

    @Test
    void messageShowsControlCharactersAsQuestionMarks() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey("bad\u0001key"))
                .withMessageEndingWith("'bad?key'");
    }

    @Test
    void messageAbbreviatesLongInputToFortyCharacters() {
        String huge = "x".repeat(5_000) + " ";
        assertThatIllegalArgumentException().isThrownBy(() -> new ResourceKey(huge))
                .satisfies(e -> {
                    assertThat(e.getMessage()).endsWith("'" + "x".repeat(40) + "...'");
                    assertThat(e.getMessage().length()).isLessThan(200);
                });
    }

    @Test
    void randomKeysAreValidAndDistinct() {
        Set<ResourceKey> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ResourceKey key = ResourceKey.random();
            // Round-trip through the validating constructor: a random key must be one a client may send back.
            assertThat(new ResourceKey(key.value())).isEqualTo(key);
            keys.add(key);
        }
        assertThat(keys).hasSize(1_000);
    }

    @Test
    void ordersByValue() {
        assertThat(new ResourceKey("a")).isLessThan(new ResourceKey("b"));
    }
}
