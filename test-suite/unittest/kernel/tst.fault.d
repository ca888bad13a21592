/*
 * A read through a bad pointer is a fault naming the address (thread_info is the first member
 * of task_struct on x86-64): the clause stops, tracing goes on.
 */
#pragma D option quiet

BEGIN
{
	trace(((struct task_struct *)8)->thread_info.flags);
	printf("not reached\n");
}

BEGIN
{
	printf("after\n");
	exit(0);
}
