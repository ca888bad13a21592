#!/bin/bash
# Run a command inside a throw-away virtual machine that sees the host's files, for what the
# host kernel cannot do (kprobes, fentry, a patched kernel). See kernel-patches/vm/README.md.
#
#   kernel-patches/vm/run.sh [options] -- COMMAND [ARG...]
#
#   --kernel PATH     boot this bzImage instead of Debian's stock 6.12 kernel
#   --modules DIR     lib/modules/VERSION of that kernel (only if 9p/virtio are modules there)
#   --timeout SECS    kill the guest after this long (default 600)
#   --cpus N          guest CPUs (default 2)
#   --mem MB          guest memory (default 1024)
#   --env NAME=VALUE  set a variable for the command (repeatable)
#   --disk MB         an ext4 scratch disk (virtio) mounted on the guest's /var/tmp, for block
#                     I/O; needs a kernel with virtio_blk and ext4 built in (the patched one)
#   --keep-log        always print the guest console log to stderr
#   --prepare         fetch and build everything, boot nothing
#
# The command runs as root in a chroot of the host's / (read-only over 9p, with a tmpfs overlay so
# it may write anywhere; writes vanish with the guest) and with the working directory shared
# read-write at the same path. Its stdout and stderr come back on ours, and its exit status is
# ours. Statuses of the lane itself: 124 the guest timed out, 125 the guest failed (panic, no
# status), 77 the lane cannot run here (nothing to boot with and no way to install it).
#
# Everything that can be kept is cached in ${DTRACE_VM_CACHE:-~/.cache/dtrace-vm}.
set -euo pipefail

CACHE=${DTRACE_VM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/dtrace-vm}
KERNEL=
MODULES=
TIMEOUT=600
CPUS=2
MEM=1024
DISK=0
KEEP_LOG=0
PREPARE=0
ENVS=()

die() { echo "vm: $*" >&2; exit 125; }
skip() { echo "vm: cannot run here: $*" >&2; exit 77; }
usage() { sed -n '5,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) KERNEL=$(realpath "$2"); shift 2 ;;
	--modules) MODULES=$(realpath "$2"); shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--cpus) CPUS=$2; shift 2 ;;
	--mem) MEM=$2; shift 2 ;;
	--env) ENVS+=("$2"); shift 2 ;;
	--disk) DISK=$2; shift 2 ;;
	--keep-log) KEEP_LOG=1; shift ;;
	--prepare) PREPARE=1; shift ;;
	--) shift; break ;;
	-h | --help) usage ;;
	*) usage ;;
	esac
done
[ $# -gt 0 ] || [ $PREPARE = 1 ] || usage

mkdir -p "$CACHE"
# One preparer at a time: parallel tests share the cache.
exec 9>"$CACHE/.lock"
flock 9

# --- host tools, from Debian's packages -------------------------------------------------------
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
# The initramfs needs a static busybox (ldd fails on static binaries).
if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then need+=(busybox-static); fi
command -v xz >/dev/null || need+=(xz-utils)
command -v zstd >/dev/null || need+=(zstd)
command -v cpio >/dev/null || need+=(cpio)
[ -x /sbin/depmod ] || need+=(kmod)
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || skip "missing ${need[*]} (install them, or run as root)"
	echo "vm: installing ${need[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update && apt-get install -y --no-install-recommends "${need[@]}"; } >"$CACHE/apt.log" 2>&1 ||
		skip "apt-get install ${need[*]} failed (see $CACHE/apt.log)"
fi

# --- the stock kernel: Debian's linux-image-6.12.*-amd64, unpacked, never installed ------------
# bookworm itself ships 6.1; 6.12 is in bookworm-backports. A private apt state in the cache
# reads backports' index without touching the host's sources.
apt_private() {
	local d="$CACHE/apt"
	mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
	local suite
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian ${suite}-backports main" >"$d/sources.list"
	APT_OPTS=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache" -o Debug::NoLocking=1)
}

# Sets PKG to the newest linux-image-6.12.*-amd64 (and APT_OPTS to where it was found):
# bookworm-security carries 6.12 on recent snapshots, bookworm-backports on all.
kernel_package() {
	local re='^linux-image-6\.12\.[0-9]+\+deb[0-9]+-amd64(-unsigned)?$'
	APT_OPTS=()
	PKG=$(apt-cache search --names-only "$re" 2>/dev/null | awk '{print $1}' | sort -V | tail -1)
	[ -z "$PKG" ] || return 0
	apt_private
	apt-get "${APT_OPTS[@]}" update >"$CACHE/apt.log" 2>&1 || return 1
	PKG=$(apt-cache "${APT_OPTS[@]}" search --names-only "$re" | awk '{print $1}' | sort -V | tail -1)
}

stock_kernel() {
	local root="$CACHE/debian"
	if [ ! -e "$root/.ready" ]; then
		local pkg
		kernel_package || skip "cannot read Debian's package index (see $CACHE/apt.log)"
		pkg=${DTRACE_VM_KERNEL_PKG:-$PKG}
		[ -n "$pkg" ] || skip "no linux-image-6.12.*-amd64 package in Debian's index"
		echo "vm: fetching $pkg" >&2
		local dl="$CACHE/download"
		rm -rf "$dl" "$root"
		mkdir -p "$dl"
		(cd "$dl" && apt-get "${APT_OPTS[@]}" download "$pkg") >>"$CACHE/apt.log" 2>&1 ||
			skip "apt-get download $pkg failed (see $CACHE/apt.log)"
		dpkg-deb -x "$dl"/*.deb "$root"
		# The package leaves modules.dep to the installer's depmod.
		local ver
		ver=$(basename "$(ls -d "$root"/lib/modules/*)")
		/sbin/depmod -b "$root" "$ver" || skip "depmod failed on the unpacked kernel"
		rm -rf "$dl"
		echo "$pkg" >"$root/.package"
		touch "$root/.ready"
	fi
	KERNEL=$(ls "$root"/boot/vmlinuz-* | head -1)
	MODULES=$(ls -d "$root"/lib/modules/* | head -1)
}

if [ -z "$KERNEL" ]; then
	stock_kernel
fi
[ -r "$KERNEL" ] || die "no kernel image at $KERNEL"

# --- the initramfs: busybox, the modules 9p needs, and /init -----------------------------------
# Modules (with their dependencies, in load order) that must be loaded before / can be mounted.
WANT_MODULES="virtio_pci 9pnet_virtio 9p overlay"

module_order() {
	# modules.dep: "path: dep1 dep2" with deps listed so that each needs only later ones.
	local dir=$1 m
	declare -A seen=()
	local out=()
	visit() {
		local path=$1
		[ -n "${seen[$path]:-}" ] && return
		seen[$path]=1
		local deps
		deps=$(awk -F': *' -v p="$path" '$1 == p { print $2 }' "$dir/modules.dep")
		for d in $deps; do visit "$d"; done
		out+=("$path")
	}
	for m in $WANT_MODULES; do
		local path
		path=$(awk -F: -v m="$m" '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n) } n == m { print $1; exit }' "$dir/modules.dep")
		[ -n "$path" ] && visit "$path"
	done
	printf '%s\n' "${out[@]}"
}

build_initramfs() {
	local out=$1 work
	work=$(mktemp -d)
	mkdir -p "$work"/{bin,dev,proc,sys,host,rw,newroot,share,lib/modules}
	cp /bin/busybox "$work/bin/busybox"
	cp "$(dirname "$0")/init.sh" "$work/init"
	chmod 755 "$work/init"
	: >"$work/lib/modules/order"
	if [ -n "$MODULES" ] && [ -e "$MODULES/modules.dep" ]; then
		local i=0 p name
		for p in $(module_order "$MODULES"); do
			name=$(printf '%02d-%s' $i "$(basename "$p" | sed 's/\.ko.*//')")
			case "$p" in
			*.xz) xz -dc "$MODULES/$p" >"$work/lib/modules/$name.ko" ;;
			*.zst) zstd -qdc "$MODULES/$p" >"$work/lib/modules/$name.ko" ;;
			*.gz) gzip -dc "$MODULES/$p" >"$work/lib/modules/$name.ko" ;;
			*) cp "$MODULES/$p" "$work/lib/modules/$name.ko" ;;
			esac
			echo "$name.ko" >>"$work/lib/modules/order"
			i=$((i + 1))
		done
	fi
	(cd "$work" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
	mv "$out.tmp" "$out"
	rm -rf "$work"
}

key=$( { cat "$(dirname "$0")/init.sh" "$0"; echo "$KERNEL $MODULES"; stat -c '%Y %s' "$KERNEL" /bin/busybox; } | sha256sum | cut -c1-16)
INITRD="$CACHE/initramfs-$key.cpio.gz"
if [ ! -e "$INITRD" ]; then
	rm -f "$CACHE"/initramfs-*.cpio.gz
	build_initramfs "$INITRD"
fi
flock -u 9
[ $PREPARE = 0 ] || { echo "vm: ready: $KERNEL"; exit 0; }

# --- one run ----------------------------------------------------------------------------------
RUN=$(mktemp -d "${TMPDIR:-/tmp}/dtrace-vm.XXXXXX")
QEMU_PID=
cleanup() {
	[ -n "$QEMU_PID" ] && kill -KILL "$QEMU_PID" 2>/dev/null
	rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CWD=$(pwd -P)
{
	echo "export PATH=$(printf %q "$PATH")"
	echo "export HOME=$(printf %q "${HOME:-/root}") TERM=dumb"
	# Variables the project's tools and tests read pass through.
	while IFS='=' read -r name _; do
		case "$name" in
		DTRACE_* | CARGO_* | RUST* | CI | dtrace | trigger) echo "export $name=$(printf %q "${!name}")" ;;
		esac
	done < <(env)
	for e in ${ENVS[@]+"${ENVS[@]}"}; do
		echo "export ${e%%=*}=$(printf %q "${e#*=}")"
	done
	echo "cd $(printf %q "$CWD") || exit 125"
	printf 'exec'
	printf ' %q' "$@"
	echo
} >"$RUN/cmd.sh"
echo "$CWD" >"$RUN/cwd"

ACCEL=tcg
CPU=max
DRIVE=()
if [ "$DISK" -gt 0 ]; then
	command -v mkfs.ext4 >/dev/null || die "--disk needs mkfs.ext4 (e2fsprogs)"
	truncate -s "${DISK}M" "$RUN/disk.img"
	mkfs.ext4 -q -F "$RUN/disk.img" >&2 || die "cannot make the scratch disk"
	DRIVE=(-drive "file=$RUN/disk.img,if=virtio,format=raw,cache=unsafe")
fi
fsdev() { echo "-fsdev local,id=$1,path=$2,security_model=none,multidevs=remap${3:+,$3} -device virtio-9p-pci,fsdev=$1,mount_tag=$1"; }
# shellcheck disable=SC2046
set +e
timeout --kill-after=10 "$TIMEOUT" qemu-system-x86_64 \
	-accel $ACCEL -cpu $CPU -smp "$CPUS" -m "$MEM" \
	-nodefaults -no-user-config -nographic -no-reboot \
	-kernel "$KERNEL" -initrd "$INITRD" \
	-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 rdinit=/init" \
	-serial "file:$RUN/console.log" -monitor none \
	$(fsdev hostroot / readonly=on) $(fsdev work "$CWD") $(fsdev share "$RUN") \
	${DRIVE[@]+"${DRIVE[@]}"} \
	</dev/null >"$RUN/qemu.out" 2>&1 &
QEMU_PID=$!
wait $QEMU_PID
qs=$?
QEMU_PID=
set -e

show_log() { echo "vm: --- guest console ---" >&2; cat "$RUN/console.log" "$RUN/qemu.out" >&2 2>/dev/null || true; }
[ -e "$RUN/stdout" ] && cat "$RUN/stdout"
[ -e "$RUN/stderr" ] && cat "$RUN/stderr" >&2
[ $KEEP_LOG = 0 ] || show_log
if [ $qs = 124 ] || [ $qs = 137 ]; then
	[ $KEEP_LOG = 1 ] || show_log
	echo "vm: the guest did not finish within ${TIMEOUT}s" >&2
	exit 124
fi
if grep -q 'Kernel panic' "$RUN/console.log" 2>/dev/null; then
	[ $KEEP_LOG = 1 ] || show_log
	echo "vm: the guest kernel panicked: $(grep -m1 'Kernel panic' "$RUN/console.log")" >&2
	exit 125
fi
if [ ! -s "$RUN/status" ]; then
	[ $KEEP_LOG = 1 ] || show_log
	echo "vm: the guest ended without the command's status (qemu status $qs)" >&2
	exit 125
fi
exit "$(cat "$RUN/status")"
