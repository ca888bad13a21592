#pragma D option quiet

BEGIN
{
	t = (int *)alloca(sizeof(int));
	print((struct bpf_raw_tracepoint_args *)t);
	exit(0);
}
