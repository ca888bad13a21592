/*
 * A read through a bad pointer is a fault: the clause stops, tracing goes on.
 */
#pragma D option quiet

BEGIN
{
	trace(((struct task_struct *)8)->pid);
	printf("not reached\n");
}

BEGIN
{
	printf("after\n");
	exit(0);
}
