#!/usr/bin/env bash
# measure.sh OUTDIR PORT [REPS] [--name NAME] [--keep]
#
# Times a guest prepared by make-guest.sh (OUTDIR/guest.xml) under qemu:///system, REPS times each (default 3):
#   start          virsh start of the shut-off domain -> first HTTP answer on 127.0.0.1:PORT
#   reboot         virsh reboot (Domain.reboot(0): ACPI power button, libvirt's fake reboot) -> the page answers
#                  with a new boot id
#   destroy+start  virsh destroy; virsh start (a cold boot) -> the page answers with a new boot id
# Each line: kind, repetition, seconds until the virsh command(s) returned, seconds until the page answered,
# and the guest's own uptime when its init was ready (guest clock). The domain is defined if needed; at the
# end it is destroyed and undefined unless --keep. Only 127.0.0.1 is contacted.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: measure.sh OUTDIR PORT [REPS] [--name NAME] [--keep]" >&2; exit 64; }
out=$(cd "$1" && pwd); port=$2; shift 2
reps=3; name="gridha-vm-$port"; keep=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --name) name=$2; shift ;;
        --keep) keep=1 ;;
        [0-9]*) reps=$1 ;;
        *) echo "measure: unknown option $1" >&2; exit 64 ;;
    esac
    shift
done
V="virsh -q -c qemu:///system"
url="http://127.0.0.1:$port/"
timeout_s=${GUEST_TIMEOUT_S:-300}

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a-b}'; }
page() { curl -s --max-time 1 "$url" 2>/dev/null || true; }
bootid() { page | awk '{print $2}'; }
# wait until the page answers with a boot id other than $1; prints the time it did
wait_new() {
    local old=$1 t0=$2 b
    while :; do
        b=$(bootid)
        if [[ -n $b && $b != "$old" ]]; then now; return 0; fi
        if (( $(awk -v a="$(now)" -v b="$t0" -v m="$timeout_s" 'BEGIN{print (a-b>m)}') )); then
            echo "measure: no answer on $url within ${timeout_s}s (see $out/console.log)" >&2; return 1
        fi
        sleep 0.1
    done
}
ready_at() { page | sed -n 's/.*ready-at-uptime=\([0-9.]*\).*/\1/p'; }

$V dominfo "$name" >/dev/null 2>&1 || $V define "$out/guest.xml" >/dev/null
state=$($V domstate "$name")
[[ $state == "shut off" ]] || $V destroy "$name" >/dev/null

printf '%-14s %3s %14s %14s %14s\n' kind rep command-s answered-s guest-ready-s
# one repetition of an action: times the virsh command(s) in "$@" and the wait for a new boot's page
timed() {
    local kind=$1 rep=$2 old t0 t1 t2; shift 2
    old=$(bootid)
    t0=$(now); "$@"; t1=$(now)
    t2=$(wait_new "$old" "$t0")
    printf '%-14s %3d %14s %14s %14s\n' "$kind" "$rep" "$(sub "$t1" "$t0")" "$(sub "$t2" "$t0")" "$(ready_at)"
}
start_guest() { $V start "$name" >/dev/null; }
reboot_guest() { $V reboot "$name" >/dev/null; }
destroy_start() { $V destroy "$name" >/dev/null; $V start "$name" >/dev/null; }

for i in $(seq "$reps"); do
    [[ $($V domstate "$name") == "shut off" ]] || $V destroy "$name" >/dev/null
    timed start "$i" start_guest
done
for i in $(seq "$reps"); do timed reboot "$i" reboot_guest; done
for i in $(seq "$reps"); do timed destroy+start "$i" destroy_start; done
if (( ! keep )); then
    $V destroy "$name" >/dev/null 2>&1 || true
    $V undefine "$name" >/dev/null
fi
