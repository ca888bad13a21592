#!/bin/bash
# Build the minimal patched kernel: Debian's linux-source-6.12 + patches/*.patch in order,
# defconfig + kvm_guest.config + dtrace.config. Prints the bzImage's path; boot it with
#   kernel-patches/vm/run.sh --kernel "$(kernel-patches/build.sh)" -- COMMAND...
#
#   build.sh                  build (cached per patch series) and print the image path
#   build.sh --check-objects  instead: after each patch in turn, compile only the files the
#                             series touches (a quick bisectability check; minutes, not half an hour)
#   build.sh --each           instead: build the whole kernel after each patch (bisectable)
#   build.sh --cached         print the image path if this series is built, else exit 1
#
# Measured (DESIGN.md): a full minimal build takes about 23 minutes on this machine's 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${DTRACE_VM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/dtrace-vm}
MODE=build
case "${1:-}" in
--check-objects) MODE=objects ;;
--each) MODE=each ;;
--cached) MODE=cached ;;
"") ;;
*) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
log() { echo "build: $*" >&2; }

PATCHES=("$HERE"/patches/*.patch)
# Keyed by the diffs and the config, not the mails' wording.
KEY=$({ for p in "${PATCHES[@]}"; do sed -n '/^---$/,$p' "$p"; done; cat "$HERE/dtrace.config"; } |
	sha256sum | cut -c1-16)
TREE="$CACHE/build/$KEY"
OUT="$CACHE/kernels/$KEY"
if [ $MODE = build ] || [ $MODE = cached ]; then
	if [ -e "$OUT/bzImage" ]; then
		echo "$OUT/bzImage"
		exit 0
	fi
	[ $MODE = cached ] && exit 1
fi

need=()
for t in gcc:gcc make:make bc:bc bison:bison flex:flex pahole:dwarves cpio:cpio xz:xz-utils python3:python3 patch:patch; do
	command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
[ -e /usr/include/libelf.h ] || need+=(libelf-dev)
[ -e /usr/include/openssl/ssl.h ] || need+=(libssl-dev)
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || { log "missing ${need[*]}"; exit 77; }
	log "installing ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >&2
fi

# The source, unpacked once.
SRC="$CACHE/src"
mkdir -p "$SRC"
if [ ! -e "$SRC/.ready" ]; then
	log "fetching linux-source-6.12"
	(cd "$SRC" && rm -f linux-source-6.12_*.deb && apt-get download linux-source-6.12 >&2)
	dpkg-deb -x "$SRC"/linux-source-6.12_*.deb "$SRC/deb"
	tar -C "$SRC" -xJf "$SRC"/deb/usr/src/linux-source-6.12.tar.xz
	rm -rf "$SRC/deb"
	touch "$SRC/.ready"
fi


# A fresh copy of the pristine tree for this series.
rm -rf "$CACHE/build"
mkdir -p "$TREE"
log "copying the source to $TREE"
cp -a "$SRC/linux-source-6.12/." "$TREE/"
cd "$TREE"

configure() {
	make -s defconfig >&2
	make -s kvm_guest.config >&2
	scripts/kconfig/merge_config.sh -m .config "$HERE/dtrace.config" >/dev/null
	make -s olddefconfig >&2
	# merge_config warns; check what matters ourselves.
	for o in BPF_SYSCALL DEBUG_INFO_BTF KPROBES FUNCTION_TRACER 9P_FS NET_9P_VIRTIO OVERLAY_FS; do
		grep -q "^CONFIG_$o=y" .config || { log "CONFIG_$o is not set after olddefconfig"; exit 1; }
	done
}

touched() {
	# The .c files patch $1 touches.
	grep '^+++ ' "$1" | awk '{print $2}' | sed 's|^b/||' | grep '\.c$' | grep -v '^tools/' || true
}

configure
JOBS=$(nproc)
case $MODE in
objects)
	log "make prepare"
	make -s -j"$JOBS" prepare >&2
	for p in "${PATCHES[@]}"; do
		log "applying $(basename "$p")"
		patch -p1 --quiet <"$p"
		files=()
		for q in "${PATCHES[@]}"; do
			for f in $(touched "$q"); do files+=("${f%.c}.o"); done
			[ "$q" = "$p" ] && break
		done
		# make warns about a target named twice.
		mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
		log "compiling ${files[*]}"
		make -s -j"$JOBS" "${files[@]}" >&2
	done
	log "every patch compiles the files the series touches"
	;;
each)
	for p in "${PATCHES[@]}"; do
		log "applying $(basename "$p")"
		patch -p1 --quiet <"$p"
		log "building"
		make -s -j"$JOBS" bzImage >&2
	done
	mkdir -p "$OUT"
	cp arch/x86/boot/bzImage "$OUT/bzImage"
	echo "$OUT/bzImage"
	;;
build)
	for p in "${PATCHES[@]}"; do
		patch -p1 --quiet <"$p"
	done
	log "building (about 23 minutes on 2 cores)"
	make -s -j"$JOBS" bzImage >&2
	mkdir -p "$OUT"
	cp arch/x86/boot/bzImage "$OUT/bzImage"
	echo "$OUT/bzImage"
	;;
esac
