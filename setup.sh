#!/bin/bash
# Quick start on a fresh Debian machine: install what is needed, build dtrace, make tracefs
# available and run a first one-liner. Run it as root (or it re-runs itself with sudo).
set -euo pipefail
cd "$(dirname "$0")"

if [ "$(id -u)" != 0 ]; then
	exec sudo -E "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends gcc libc6-dev linux-libc-dev ca-certificates curl \
	systemtap-sdt-dev cpp
if compgen -G "bpf/*.c" >/dev/null; then
	apt-get install -y --no-install-recommends clang llvm
fi

. scripts/rust-toolchain.sh

cargo build --release -p dtrace

if [ ! -d /sys/kernel/tracing/events ]; then
	mount -t tracefs nodev /sys/kernel/tracing
fi

echo "+ dtrace -n 'BEGIN { trace(\"hello\"); exit(0); }'"
exec "${CARGO_TARGET_DIR:-target}/release/dtrace" -n 'BEGIN { trace("hello"); exit(0); }'
