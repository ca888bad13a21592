#!/bin/bash
# errno compared with the library's names: cat(1) opening a file that does not exist fails
# with ENOENT, which a predicate names.
$dtrace -qn '
syscall::openat:return
/pid == $target && errno == ENOENT/
{
	printf("ENOENT %d\n", errno);
	exit(0);
}' -c 'cat /nonexistent/dlib-errno-test' 2>/dev/null
echo "status $?"
