/*
 * copyinto() copies user memory (a syscall's pointer argument) into alloca()'d memory.
 */
/* @@trigger: openat-known */
#pragma D option quiet

syscall::openat:entry
/pid == $target && arg2 == 0x900/
{
	this->buf = (char *)alloca(16);
	copyinto(arg1, 14, this->buf);
	printf("%s\n", stringof(this->buf));
	printf("%c\n", *(this->buf + 1));
}
