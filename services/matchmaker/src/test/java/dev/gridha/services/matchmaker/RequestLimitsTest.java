package dev.gridha.services.matchmaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLimitsTest {

    private static void assertViolation(ThrowingCallable call, String code, String messagePart) {
        assertThatExceptionOfType(RequestLimits.Violation.class).isThrownBy(call)
                .withMessageContaining(messagePart)
                .satisfies(v -> assertThat(v.code()).isEqualTo(code));
    }

    // --- machine resources: cpu and memory 1..max, disk 0..max

    @Test
    void machineResourcesAcceptTheirBounds() throws Exception {
        assertThat(RequestLimits.machineResources(1, 1, 0)).isEqualTo(new Resources(1, 1, 0));
        assertThat(RequestLimits.machineResources(RequestLimits.MAX_CPU_MHZ, RequestLimits.MAX_MEMORY_MB,
                RequestLimits.MAX_DISK_GB)).isEqualTo(new Resources(1_000_000, 16 * 1024 * 1024, 1_000_000));
    }

    @Test
    void machineCpuBelowOneIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(0, 1, 0), "request.out-of-range",
                "CpuMhz must be between 1 and 1000000, got 0");
    }

    @Test
    void machineCpuAboveMaxIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(RequestLimits.MAX_CPU_MHZ + 1, 1, 0),
                "request.out-of-range", "CpuMhz");
    }

    @Test
    void machineMemoryBelowOneIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(1, 0, 0), "request.out-of-range", "MemoryMb");
    }

    @Test
    void machineMemoryAboveMaxIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(1, RequestLimits.MAX_MEMORY_MB + 1, 0),
                "request.out-of-range", "MemoryMb");
    }

    @Test
    void machineDiskBelowZeroIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(1, 1, -1), "request.out-of-range", "DiskGb");
    }

    @Test
    void machineDiskAboveMaxIsRefused() {
        assertViolation(() -> RequestLimits.machineResources(1, 1, RequestLimits.MAX_DISK_GB + 1),
                "request.out-of-range", "DiskGb");
    }

    // --- job needs: all 0..max

    @Test
    void jobNeedsAcceptTheirBounds() throws Exception {
        assertThat(RequestLimits.jobNeeds(0, 0, 0)).isEqualTo(new Resources(0, 0, 0));
        assertThat(RequestLimits.jobNeeds(RequestLimits.MAX_CPU_MHZ, RequestLimits.MAX_MEMORY_MB,
                RequestLimits.MAX_DISK_GB)).isEqualTo(new Resources(1_000_000, 16 * 1024 * 1024, 1_000_000));
    }

    @Test
    void jobNeedsBelowZeroAreRefused() {
        assertViolation(() -> RequestLimits.jobNeeds(-1, 0, 0), "request.out-of-range", "CpuMhz");
        assertViolation(() -> RequestLimits.jobNeeds(0, -1, 0), "request.out-of-range", "MemoryMb");
        assertViolation(() -> RequestLimits.jobNeeds(0, 0, -1), "request.out-of-range", "DiskGb");
    }

    @Test
    void jobNeedsAboveMaxAreRefused() {
        assertViolation(() -> RequestLimits.jobNeeds(RequestLimits.MAX_CPU_MHZ + 1, 0, 0),
                "request.out-of-range", "CpuMhz");
        assertViolation(() -> RequestLimits.jobNeeds(0, RequestLimits.MAX_MEMORY_MB + 1, 0),
                "request.out-of-range", "MemoryMb");
        assertViolation(() -> RequestLimits.jobNeeds(0, 0, RequestLimits.MAX_DISK_GB + 1),
                "request.out-of-range", "DiskGb");
    }

    @Test
    void jobNeedsAtIntegerExtremesAreRefused() {
        assertViolation(() -> RequestLimits.jobNeeds(Integer.MIN_VALUE, 0, 0), "request.out-of-range", "CpuMhz");
        assertViolation(() -> RequestLimits.jobNeeds(0, Integer.MAX_VALUE, 0), "request.out-of-range", "MemoryMb");
    }

    // --- priority 0..100

    @Test
    void priorityAcceptsItsBounds() throws Exception {
        assertThat(RequestLimits.priority(0)).isZero();
        assertThat(RequestLimits.priority(RequestLimits.MAX_PRIORITY)).isEqualTo(100);
    }

    @Test
    void priorityOutsideItsBoundsIsRefused() {
        assertViolation(() -> RequestLimits.priority(-1), "request.out-of-range", "Priority");
        assertViolation(() -> RequestLimits.priority(101), "request.out-of-range", "Priority");
    }

    // --- runtime 0..10 years

    @Test
    void runtimeAcceptsItsBounds() throws Exception {
        assertThat(RequestLimits.runtime(0)).isZero();
        assertThat(RequestLimits.runtime(RequestLimits.MAX_RUNTIME_SECONDS)).isEqualTo(316_224_000L);
    }

    @Test
    void runtimeOutsideItsBoundsIsRefused() {
        assertViolation(() -> RequestLimits.runtime(-1), "request.out-of-range", "RuntimeSeconds");
        assertViolation(() -> RequestLimits.runtime(RequestLimits.MAX_RUNTIME_SECONDS + 1),
                "request.out-of-range", "RuntimeSeconds");
        assertViolation(() -> RequestLimits.runtime(Long.MIN_VALUE), "request.out-of-range", "RuntimeSeconds");
    }

    // --- ids

    @Test
    void idAcceptsEveryAllowedCharacterAndLengthsOneTo128() throws Exception {
        String all = "AZaz09._:@~-";
        assertThat(RequestLimits.id("JobId", all)).isEqualTo(all);
        assertThat(RequestLimits.id("JobId", "x")).isEqualTo("x");
        assertThat(RequestLimits.id("JobId", "x".repeat(128))).hasSize(128);
    }

    @Test
    void idOf129CharactersIsRefused() {
        assertViolation(() -> RequestLimits.id("JobId", "x".repeat(129)), "request.invalid-id", "JobId must be");
    }

    @Test
    void emptyOrNullIdIsRefused() {
        assertViolation(() -> RequestLimits.id("ClientId", ""), "request.invalid-id", "got ''");
        assertViolation(() -> RequestLimits.id("ClientId", null), "request.invalid-id", "got nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a<b", "a\u0000b", "a\nb", "é", "a#b"})
    void idWithCharactersOutsideTheSetIsRefused(String id) {
        assertViolation(() -> RequestLimits.id("MachineId", id), "request.invalid-id", "MachineId");
    }

    @Test
    void idMessageAbbreviatesAndMasksControlCharacters() {
        assertViolation(() -> RequestLimits.id("JobId", "\u0007" + "y".repeat(300)), "request.invalid-id",
                "got '?" + "y".repeat(39) + "...'");
    }

    // --- address

    @ParameterizedTest
    @ValueSource(strings = {"http://host.example:8080/run", "https://10.0.0.1/", "http://h", "urn://host/x"})
    void absoluteAddressWithAHostIsAccepted(String address) throws Exception {
        assertThat(RequestLimits.address(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri", "/relative/path", "relative", "mailto:someone@example.org",
            "http:///nohost", "", "http://bad host/"})
    void addressThatIsNotAnAbsoluteUriWithAHostIsRefused(String address) {
        assertViolation(() -> RequestLimits.address(address), "request.invalid-address",
                "Address must be an absolute URI with a host");
    }

    @Test
    void anAddressLongerThanAnyMappingStoresIsRefused() throws Exception {
        String longest = "http://h/" + "a".repeat(RequestLimits.MAX_ADDRESS_LENGTH - 9);
        assertThat(RequestLimits.address(longest)).isEqualTo(longest);
        assertViolation(() -> RequestLimits.address(longest + "a"), "request.invalid-address",
                "at most 2048 characters, got 2049");
    }

    @Test
    void nullAddressIsRefused() {
        assertViolation(() -> RequestLimits.address(null), "request.invalid-address", "got nothing");
    }

    // --- capabilities

    @Test
    void capabilitiesUpToTheMaximumAreAccepted() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < RequestLimits.MAX_CAPABILITIES; i++) {
            many.add("cap-" + i);
        }
        assertThat(RequestLimits.capabilities(many)).hasSize(32);
        assertThat(RequestLimits.capabilities(List.of())).isEmpty();
    }

    @Test
    void oneCapabilityOverTheMaximumIsRefused() {
        List<String> tooMany = Collections.nCopies(RequestLimits.MAX_CAPABILITIES + 1, "gpu");
        assertViolation(() -> RequestLimits.capabilities(tooMany), "request.out-of-range",
                "at most 32 capabilities, got 33");
    }

    @Test
    void capabilityOfVisibleCharactersUpTo64IsAccepted() throws Exception {
        assertThat(RequestLimits.capabilities(List.of("x86_64", "gpu:cuda=12.1", "c".repeat(64))))
                .hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "nl\n", "é"})
    void capabilityOutsideTheCharsetIsRefused(String capability) {
        assertViolation(() -> RequestLimits.capabilities(List.of("ok", capability)),
                "request.invalid-capability", "a capability is 1-64 visible characters");
    }

    @Test
    void capabilityOf65CharactersIsRefused() {
        assertViolation(() -> RequestLimits.capabilities(List.of("c".repeat(65))),
                "request.invalid-capability", "1-64");
    }

    @Test
    void nullCapabilityIsRefused() {
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertViolation(() -> RequestLimits.capabilities(withNull), "request.invalid-capability", "got nothing");
    }
}
