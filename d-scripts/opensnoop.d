#!/usr/sbin/dtrace -s
/*
 * opensnoop.d: every open(2)/openat(2) as it returns: who opened what, and the descriptor
 * or the error.
 *
 *   dtrace -s opensnoop.d [-c cmd | -p pid]   (all processes without -c/-p)
 *
 *   UID PID COMM FD ERR PATH
 */
#pragma D option quiet
#pragma D option switchrate=10hz

BEGIN
{
	printf("%5s %6s %-16s %4s %3s %s\n", "UID", "PID", "COMM", "FD", "ERR", "PATH");
}

syscall::open:entry
{
	self->path = arg0;
}

syscall::openat:entry
{
	self->path = arg1;
}

syscall::open:return, syscall::openat:return
/self->path && ($target == 0 || pid == $target)/
{
	printf("%5d %6d %-16s %4d %3d %s\n", uid, pid, execname, (int)arg1, errno,
	    copyinstr(self->path));
}

syscall::open:return, syscall::openat:return
{
	self->path = 0;
}
