#!/bin/bash
# Under load on both CPUs: two processes, one pinned to each CPU, each make N getppid()
# calls as fast as they can; @[execname] = count() and @ = quantize() must count every
# one of the 2N events (per-CPU maps merged exactly, nothing lost).
# @@trigger: getppid-loop
# @@timeout: 120
N=1000000
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/both.sh" <<EOF
#!/bin/bash
taskset -c 0 $trigger $N &
taskset -c 1 $trigger $N &
wait
EOF
chmod +x "$dir/both.sh"
$dtrace -q -c "$dir/both.sh" -n '
syscall::getppid:entry
/execname == "getppid-loop"/
{
	@[execname] = count();
	@q = quantize(1);
}

END
{
	printa("%s %@d\n", @);
	printa(@q);
}'
echo "status $?"
