# Sourced by setup.sh and .ci/run: put a cargo new enough for this workspace on PATH.
# Debian 12's own cargo (1.65) is too old, so when cargo is missing or older than 1.80 the
# toolchain comes from rustup (a minimal profile into $HOME/.cargo), which needs curl.
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo_ok() {
	command -v cargo >/dev/null || return 1
	local v
	v=$(cargo --version | awk '{ print $2 }')
	[ "$(printf '%s\n1.80.0\n' "$v" | sort -V | head -1)" = 1.80.0 ]
}
if ! cargo_ok; then
	if ! command -v curl >/dev/null; then
		apt-get update
		apt-get install -y --no-install-recommends ca-certificates curl
	fi
	curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
	export PATH="$HOME/.cargo/bin:$PATH"
fi
echo "using $(cargo --version)"
