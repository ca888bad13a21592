/*
 * Global arrays of integers and of chars: elements stored with constant and variable
 * indexes, read back; a char array is printed as a string.
 */
#pragma D option quiet

int arr[5];
char buf[16];

BEGIN
{
	i = 2;
	arr[i] = 7;
	arr[0] = 1;
	arr[4] += 5;
	buf[0] = 'h';
	buf[1] = 'i';
	printf("%d %d %d %d %d\n", arr[0], arr[1], arr[2], arr[3], arr[4]);
	printf("%s %d\n", buf, sizeof (buf));
	printf("%d\n", sizeof (arr));
}

BEGIN
{
	for_sum = arr[0] + arr[1] + arr[2] + arr[3] + arr[4];
	printf("%d\n", for_sum);
	exit(0);
}
