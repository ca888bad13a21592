/*
 * A variable index outside a global array faults with "index out of bounds" and the index,
 * in a store and in a load, negative indexes included; ERROR sees DTRACEFLT_BADINDEX and the
 * index, and the next clause still runs.
 */
#pragma D option quiet

int arr[4];

ERROR
{
	printf("fault %d badindex=%d value %d\n", arg4, arg4 == DTRACEFLT_BADINDEX, arg5);
}

BEGIN
{
	i = 4;
	arr[i] = 1;
	printf("not reached\n");
}

BEGIN
{
	i = -1;
	trace(arr[i]);
	printf("not reached\n");
}

BEGIN
{
	i = 3;
	arr[i] = 9;
	printf("arr[3] = %d\n", arr[3]);
	exit(0);
}
