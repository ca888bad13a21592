/*
 * setopt() at run time changes the order of what printa() prints next.
 */
#pragma D option quiet

BEGIN
{
	@[1] = sum(50);
	@[2] = sum(5);
	printa("%d %@d\n", @);
	setopt("aggsortkey");
	printa("%d %@d\n", @);
	setopt("aggsortrev");
	printa("%d %@d\n", @);
	exit(0);
}
