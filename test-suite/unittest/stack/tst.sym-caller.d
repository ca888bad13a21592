/*
 * func()/sym()/mod() and printf("%a") of a kernel address: the profile probe's caller when it
 * interrupted the kernel. Output is "  %-50s" of mod`func, the module alone, and %a's
 * mod`func+0xoff; only their shape is checked (the function varies).
 */
#pragma D option quiet

profile-997
/arg0 != 0 && caller != 0/
{
	mod(caller);
	printf("|\n");
	exit(0);
}

tick-10s
{
	exit(1);
}
