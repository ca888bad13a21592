/* basename() and dirname() as DTrace (the cases of illumos' tst.basename.d). */
#pragma D option quiet

BEGIN
{
	printf("%s %s\n", dirname("/foo/bar/baz"), basename("/foo/bar/baz"));
	printf("%s %s\n", dirname("/foo/bar///baz/"), basename("/foo/bar///baz/"));
	printf("%s %s\n", dirname("/foo/bar/baz//"), basename("/foo/bar/baz//"));
	printf("%s %s\n", dirname("/foo/bar/baz/."), basename("/foo/bar/baz/."));
	printf("%s %s\n", dirname("/foo/bar/baz/./"), basename("/foo/bar/baz/./"));
	printf("%s %s\n", dirname("foo/bar/baz/"), basename("foo/bar/baz/"));
	printf("%s %s\n", dirname("/"), basename("/"));
	printf("%s %s\n", dirname("./"), basename("./"));
	printf("%s %s\n", dirname("//"), basename("//"));
	printf("%s %s\n", dirname("/."), basename("/."));
	printf("%s %s\n", dirname("/./."), basename("/./."));
	printf("%s %s\n", dirname("."), basename("."));
	printf("%s %s\n", dirname("f"), basename("f"));
	printf("%s %s\n", dirname("f/"), basename("f/"));
	printf("%s %s\n", dirname("/////"), basename("/////"));
	printf("%s %s\n", dirname(""), basename(""));
	exit(0);
}
