#!/bin/bash
# With a large strsize the searches still load, a dozen in one clause, and find what lies past
# the default 256 bytes.
$dtrace -q -x strsize=1024 -n '
BEGIN
{
	a = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	s = strjoin(a, strjoin(a, strjoin(a, "needle")));
	printf("%d %d %d %d\n", strlen(s), index(s, "needle"), rindex(s, "x"), index(s, "needles"));
	printf("%d %d %d %d\n", index(s, "xn"), rindex(s, "xx", 50), index(s, "e", 302), rindex(s, "e"));
	printf("%s %s %s\n", strstr(s, "need"), strstr(s, "dle"), strstr(s, "xneedle"));
	exit(0);
}'
