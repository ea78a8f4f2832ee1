#!/usr/bin/env bash
# make-guest.sh OUTDIR PORT [--tcg] [--hostroot] [--name NAME] [--vcpus N] [--memory MIB]
#               [--gridha APPDIR --service-port SPORT [--java PATH]]
#
# Prepares a tiny QEMU/KVM guest for libvirt's qemu:///system that serves HTTP on the host at 127.0.0.1:PORT:
#   - installs what is missing from Debian's packages (root only): qemu-system-x86, libvirt's daemon with its
#     QEMU driver, libvirt-clients, busybox-static, cpio, curl;
#   - fetches Debian's linux-image-amd64 kernel package and unpacks it into OUTDIR/kernel (not installed: the
#     host runs its own kernel and has no /boot, and a guest kernel needs no boot loader or initramfs hooks);
#   - builds OUTDIR/initrd.img: busybox as /init plus the virtio, virtio-net, 9p, ACPI button and evdev modules;
#     the init brings up eth0 (QEMU user-mode network 10.0.2.15), serves /www on port 80 with busybox httpd,
#     and powers off when the ACPI power button is pressed (what `virsh reboot` / Domain.reboot(0) does);
#   - writes OUTDIR/guest.xml from guest.xml.template (port forward 127.0.0.1:PORT -> guest:80);
#   - starts virtlogd and libvirtd if they are not running (there is no systemd here) and records what it
#     started in OUTDIR/started-daemons, so stop-daemons can stop exactly those.
# --tcg        domain type='qemu' (software emulation) instead of type='kvm'; works without /dev/kvm
# --hostroot   also share the host's / read-only over virtio-9p (tag hostroot); the guest mounts it on /host and
#              times `java -version` there (page /jvm.txt)
# --name NAME  domain name (default gridha-vm-PORT)
# --vcpus N    virtual CPUs (default 1; under TCG each is a host thread)
# --memory MIB guest memory (default 256, 1024 with --hostroot)
# --gridha APPDIR  (implies --hostroot) the guest runs `gridha up --port 8080` from APPDIR on the host's root
#              (APPDIR/gridha-launcher.jar with its lib/ and wars/, readable by libvirt's QEMU user), its state on
#              the guest's tmpfs, and forwards guest port 8081 to it (Tomcat listens on 127.0.0.1 only);
#              host 127.0.0.1:SPORT -> guest:8081. Its output goes to the console log, each line stamped with
#              the guest's uptime. --java PATH: the host's java binary to run (default /usr/bin/java)
#
# make-guest.sh stop-daemons OUTDIR   stops the daemons this script started for OUTDIR (and nothing else)
#
# Exits non-zero with one line starting "make-guest:" when something cannot be done here.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
die() { echo "make-guest: $1" >&2; exit "${2:-1}"; }

if [[ ${1:-} == stop-daemons ]]; then
    out=${2:?usage: make-guest.sh stop-daemons OUTDIR}
    f="$out/started-daemons"
    [[ -f $f ]] || exit 0
    while read -r name pid; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" && echo "make-guest: stopped $name (pid $pid)"
        fi
    done < <(tac "$f")   # libvirtd before virtlogd
    rm -f "$f"
    exit 0
fi

usage="usage: make-guest.sh OUTDIR PORT [--tcg] [--hostroot] [--name NAME] [--vcpus N] [--memory MIB] [--gridha APPDIR --service-port SPORT [--java PATH]]"
[[ $# -ge 2 ]] || die "$usage" 64
out=$1; port=$2; shift 2
virttype=kvm; hostroot=0; name="gridha-vm-$port"; vcpus=1; mem=""; app=""; sport=""; java=/usr/bin/java
while [[ $# -gt 0 ]]; do
    case $1 in
        --tcg) virttype=qemu ;;
        --hostroot) hostroot=1 ;;
        --name) name=${2:?--name needs a value}; shift ;;
        --vcpus) vcpus=${2:?--vcpus needs a value}; shift ;;
        --memory) mem=${2:?--memory needs a value}; shift ;;
        --gridha) app=${2:?--gridha needs a value}; hostroot=1; shift ;;
        --service-port) sport=${2:?--service-port needs a value}; shift ;;
        --java) java=${2:?--java needs a value}; shift ;;
        *) die "unknown option $1" 64 ;;
    esac
    shift
done
is_port() { [[ $1 =~ ^[0-9]+$ ]] && (( $1 > 0 && $1 < 65536 )); }
is_port "$port" || die "PORT must be 1-65535, not '$port'" 64
[[ $vcpus =~ ^[1-9]$ ]] || die "--vcpus must be 1-9, not '$vcpus'" 64
[[ -z $mem || ( $mem =~ ^[0-9]+$ && $mem -ge 128 ) ]] || die "--memory must be at least 128 (MiB), not '$mem'" 64
if [[ -n $app ]]; then
    is_port "$sport" && (( sport != port )) || die "--gridha needs --service-port, 1-65535 and not PORT" 64
    [[ $app == /* && -f $app/gridha-launcher.jar && -d $app/wars ]] \
        || die "--gridha needs an absolute APPDIR with gridha-launcher.jar and wars/, not '$app'" 64
    [[ $app != /tmp/* ]] || die "--gridha APPDIR must not be under /tmp: the guest mounts its own tmpfs there" 64
    [[ -x $java ]] || die "--java $java is not an executable" 64
elif [[ -n $sport ]]; then
    die "--service-port goes with --gridha" 64
fi

if [[ $virttype == kvm ]]; then
    [[ -c /dev/kvm ]] || die "no /dev/kvm on this machine: a KVM guest cannot run here (use --tcg for software emulation)" 3
fi

aptlog="/tmp/make-guest-apt-$(id -u).log"   # per user: another user's log there would not be writable

# ---- packages ----------------------------------------------------------------------------------------------
need=()
for p in qemu-system-x86 qemu-system-data seabios ipxe-qemu libvirt-daemon libvirt-daemon-system \
         libvirt-daemon-driver-qemu libvirt-clients busybox-static cpio curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if (( ${#need[@]} )); then
    [[ $(id -u) == 0 ]] || die "missing packages (${need[*]}) and not root to install them" 4
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "${need[@]}" >"$aptlog" 2>&1; then
        apt-get update -q >>"$aptlog" 2>&1 || true
        apt-get install -y -q --no-install-recommends "${need[@]}" >>"$aptlog" 2>&1 \
            || die "could not install ${need[*]} (see $aptlog)" 4
    fi
fi

# ---- guest kernel ------------------------------------------------------------------------------------------
mkdir -p "$out"
out=$(cd "$out" && pwd)
kdir="$out/kernel"
if ! compgen -G "$kdir/boot/vmlinuz-*" >/dev/null; then
    kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')
    if [[ -z $kpkg ]]; then
        apt-get update -q >"$aptlog" 2>&1 || true
        kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}')
    fi
    [[ -n $kpkg ]] || die "cannot find Debian's linux-image-amd64 kernel package" 4
    tmpd=$(mktemp -d)
    chmod 755 "$tmpd"   # apt's _apt user downloads into it
    (cd "$tmpd" && apt-get download "$kpkg" >"$aptlog" 2>&1) \
        || die "could not download $kpkg (see $aptlog)" 4
    rm -rf "$kdir.part"
    dpkg-deb -x "$tmpd"/"$kpkg"_*.deb "$kdir.part"
    rm -rf "$tmpd" "$kdir"
    mv "$kdir.part" "$kdir"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -1)
kver=${vmlinuz##*/vmlinuz-}
moddir="$kdir/lib/modules/$kver/kernel"

# ---- initramfs ---------------------------------------------------------------------------------------------
# load order follows each module's depends= (no depmod/kmod on this machine)
mods=(drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
      drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover
      drivers/net/virtio_net drivers/input/evdev drivers/acpi/button
      fs/netfs/netfs fs/fscache/fscache net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p)
ird="$out/initramfs"
rm -rf "$ird"
mkdir -p "$ird"/{bin,sbin,etc,proc,sys,dev,tmp,www,host,lib/modules,usr/bin,usr/sbin}
cp /bin/busybox "$ird/bin/busybox"
for m in "${mods[@]}"; do
    src="$moddir/$m.ko"
    if [[ -f $src ]]; then cp "$src" "$ird/lib/modules/"
    elif [[ -f $src.xz ]]; then xz -dc "$src.xz" > "$ird/lib/modules/${m##*/}.ko"
    else die "kernel $kver has no module $m" 5
    fi
    echo "${m##*/}" >> "$ird/lib/modules/load-order"
done
cat > "$ird/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
exec >/dev/console 2>&1
for m in $(cat /lib/modules/load-order); do insmod /lib/modules/$m.ko 2>/dev/null; done
ip link set lo up
ip link set eth0 up
ip addr add 10.0.2.15/24 dev eth0
ip route add default via 10.0.2.2
read -r bootid < /proc/sys/kernel/random/boot_id
read -r up _ < /proc/uptime
printf 'gridha-guest boot=%s ready-at-uptime=%s kernel=%s\n' "$bootid" "$up" "$(uname -r)" > /www/index.html
httpd -p 80 -h /www
echo "GRIDHA-GUEST-READY boot=$bootid uptime=$up"
# the ACPI power button (virsh reboot/shutdown): power off; libvirt then resets (reboot) or stops (shutdown)
for ev in /sys/class/input/event*; do
    if grep -q "Power Button" "$ev/device/name" 2>/dev/null; then
        (dd if=/dev/${ev#/sys/class/} of=/dev/null bs=24 count=1 2>/dev/null
         echo "GRIDHA-GUEST-POWER-BUTTON"; poweroff -f) &
    fi
done
if grep -q gridha.hostroot=1 /proc/cmdline; then
    (
    if mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot /host; then
        mount -t proc proc /host/proc; mount -t devtmpfs dev /host/dev; mount -t tmpfs tmp /host/tmp
        if [ -x /etc/gridha-up ]; then
            # Tomcat in gridha up listens on 127.0.0.1 only: a forked nc per connection carries guest port 8081
            # (where the host's port forward arrives) to it
            nc -ll -p 8081 -e nc 127.0.0.1 8080 2>/dev/null &
            read -r t0 _ < /proc/uptime
            echo "GRIDHA-UP-START uptime=$t0"
            /etc/gridha-up 2>&1 | while IFS= read -r line; do
                read -r up _ < /proc/uptime
                echo "[$up] gridha-up| $line"
            done
            read -r t1 _ < /proc/uptime
            echo "GRIDHA-UP-EXIT uptime=$t1"
            exit 0
        fi
        read -r t0 _ < /proc/uptime
        chroot /host /usr/bin/java -XX:-UsePerfData -version > /www/jvm-out.txt 2>&1; rc=$?
        read -r t1 _ < /proc/uptime
        chroot /host /usr/bin/java -XX:-UsePerfData -version > /dev/null 2>&1
        read -r t2 _ < /proc/uptime
        echo "9p=ok java-rc=$rc first-java-version-s=$(echo "$t1 $t0" | awk '{print $1-$2}') second-java-version-s=$(echo "$t2 $t1" | awk '{print $1-$2}')" > /www/jvm.txt
    else
        echo "9p=failed" > /www/jvm.txt
    fi
    cat /www/jvm.txt
    ) &
fi
while :; do sleep 3600; done
INIT
chmod 755 "$ird/init"
if [[ -n $app ]]; then
    # what the init runs once the host's root is mounted on /host: gridha up in a chroot there, writing only
    # to the guest's tmpfs on /host/tmp (state directory, Tomcat's unpacked WARs, the JVM's temporary files)
    cat > "$ird/etc/gridha-up" <<UP
#!/bin/busybox sh
exec chroot /host /bin/sh -c 'cd /tmp && exec /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp \\
    $java -XX:-UsePerfData -Djava.io.tmpdir=/tmp \\
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \\
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \\
    --add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED \\
    -Dgridha.wars=$app/wars -jar $app/gridha-launcher.jar up --port 8080 --state-dir /tmp/gridha-state'
UP
    chmod 755 "$ird/etc/gridha-up"
fi
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initrd.img.part"
mv "$out/initrd.img.part" "$out/initrd.img"
cp "$vmlinuz" "$out/vmlinuz"
chmod 644 "$out/vmlinuz" "$out/initrd.img"
chmod 755 "$out"

# ---- domain XML --------------------------------------------------------------------------------------------
fs=""; extra=""
if (( hostroot )); then
    fs="<filesystem type='mount' accessmode='passthrough'><source dir='/'/><target dir='hostroot'/><readonly/></filesystem>"
    extra="gridha.hostroot=1"
fi
if [[ -z $mem ]]; then mem=256; (( hostroot )) && mem=1024; fi
forward=""; [[ -n $app ]] && forward=",hostfwd=tcp:127.0.0.1:$sport-:8081"
sed -e "s|@VIRTTYPE@|$virttype|g" -e "s|@NAME@|$name|g" -e "s|@MEMORY_MIB@|$mem|g" -e "s|@VCPUS@|$vcpus|g" \
    -e "s|@SERVICE_FORWARD@|$forward|g" \
    -e "s|@KERNEL@|$out/vmlinuz|g" -e "s|@INITRD@|$out/initrd.img|g" -e "s|@CMDLINE_EXTRA@|$extra|g" \
    -e "s|@CONSOLE_LOG@|$out/console.log|g" -e "s|@FILESYSTEM@|$fs|g" -e "s|@PORT@|$port|g" \
    "$here/guest.xml.template" > "$out/guest.xml"

# ---- daemons (no systemd here) -----------------------------------------------------------------------------
live_pid() { # name: the pid of a running (not zombie) process of that name
    local p
    for p in $(pgrep -x "$1" || true); do
        [[ $(ps -o stat= -p "$p" 2>/dev/null) == [^Z]* ]] && { echo "$p"; return 0; }
    done
    return 0
}
start_daemon() { # name binary
    local pid
    pid=$(live_pid "$1")
    [[ -n $pid ]] && return 0
    [[ $(id -u) == 0 ]] || die "$1 is not running and only root can start it" 6
    "$2" -d || die "$2 -d failed" 6
    for _ in $(seq 50); do pid=$(live_pid "$1"); [[ -n $pid ]] && break; sleep 0.1; done
    [[ -n $pid ]] || die "$1 did not stay up" 6
    echo "$1 $pid" >> "$out/started-daemons"
}
start_daemon virtlogd /usr/sbin/virtlogd
start_daemon libvirtd /usr/sbin/libvirtd
for _ in $(seq 50); do virsh -q -c qemu:///system version >/dev/null 2>&1 && break; sleep 0.2; done
virsh -q -c qemu:///system version >/dev/null 2>&1 || die "libvirtd does not answer on qemu:///system" 6

# libvirt runs QEMU as the user of /etc/libvirt/qemu.conf (Debian: libvirt-qemu), which must open /dev/kvm;
# udev makes it 0660 root:kvm on an ordinary host, but with no udev it can stay 0600 root:root (this sandbox)
if [[ $virttype == kvm ]]; then
    quser=$(sed -n 's/^[[:space:]]*user[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' /etc/libvirt/qemu.conf 2>/dev/null | tail -1)
    quser=${quser:-libvirt-qemu}; quser=${quser#+}
    if [[ $quser != root && $quser != 0 ]] && id "$quser" >/dev/null 2>&1; then
        runuser -u "$quser" -- sh -c 'test -r /dev/kvm && test -w /dev/kvm' \
            || die "/dev/kvm is $(stat -c '%A %U:%G' /dev/kvm): libvirt's QEMU user $quser cannot open it (QEMU would fail with 'Could not access KVM kernel module: Permission denied'); give it group kvm mode 0660, as udev does, or use --tcg" 3
    fi
fi

echo "make-guest: $name ($virttype) ready to define: virsh -c qemu:///system define $out/guest.xml; then http://127.0.0.1:$port/"
