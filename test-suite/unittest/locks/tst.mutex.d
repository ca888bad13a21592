/*
 * Mutex queries: a kernel mutex nobody holds (the signal struct's cred_guard_mutex outside
 * exec), and a struct mutex in a global whose owner word is set as the kernel sets it (the
 * owning task's address, flags in the low bits). mutex_owned() is true only for the current
 * thread's mutexes; Linux mutexes are all adaptive.
 */
#pragma D option quiet

struct mutex m;

BEGIN
{
	mp = &curthread->signal->cred_guard_mutex;
	printf("%d %d %d %d\n", mutex_owned(mp), mutex_owner(mp) == 0,
	    mutex_type_adaptive(mp), mutex_type_spin(mp));
	m.owner.counter = (long)curthread | 1;
	printf("%d %d\n", mutex_owned(&m), mutex_owner(&m) == curthread);
	m.owner.counter = (long)curthread->real_parent | 4;
	printf("%d %d\n", mutex_owned(&m), mutex_owner(&m) == curthread->real_parent);
	exit(0);
}
