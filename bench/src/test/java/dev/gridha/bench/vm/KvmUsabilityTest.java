package dev.gridha.bench.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvmUsabilityTest {

    @TempDir
    Path root;

    @Test
    void withoutDevKvmNoKvmGuestCanRun() {
        assertThat(KvmUsability.at(root).usable()).isFalse();
        assertThat(KvmUsability.at(root).reason()).contains("no /dev/kvm");
    }

    /** This project's machine: /dev/kvm is there, but served by PVM, which boots no stock kernel. */
    @Test
    void aDevKvmServedByTheNestedPvmHypervisorIsNotUsable() throws IOException {
        layout("dev/kvm", "sys/module/kvm", "sys/module/kvm_pvm");

        KvmUsability.Verdict verdict = KvmUsability.at(root);

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).contains("kvm_pvm");
    }

    @Test
    void aDevKvmOfTheCpuVendorsModuleIsUsable() throws IOException {
        layout("dev/kvm", "sys/module/kvm", "sys/module/kvm_amd");

        assertThat(KvmUsability.at(root).usable()).isTrue();
        assertThat(KvmUsability.at(root).reason()).contains("kvm_amd");
    }

    @Test
    void pvmWinsOverAVendorModuleLoadedBesideIt() throws IOException {
        layout("dev/kvm", "sys/module/kvm_intel", "sys/module/kvm_pvm");

        assertThat(KvmUsability.at(root).usable()).isFalse();
    }

    private void layout(String device, String... modules) throws IOException {
        Files.createDirectories(root.resolve(device).getParent());
        Files.createFile(root.resolve(device));
        for (String module : modules) {
            Files.createDirectories(root.resolve(module));
        }
    }
}
