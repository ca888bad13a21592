/*
 * ?: with pointer operands: two pointers of one type, a pointer and NULL (0), a pointer
 * and void *; the result keeps the pointer type and can be dereferenced.
 */
#pragma D option quiet

BEGIN
{
	this->t = pid > 0 ? curthread : 0;
	this->n = pid < 0 ? curthread : 0;
	printf("%d %d\n", this->t->tgid == pid, this->n == 0);
	this->p = pid > 0 ? curthread->real_parent : curthread;
	printf("%d\n", this->p->tgid == ppid);
	this->v = pid > 0 ? (void *)0 : curthread;
	printf("%d\n", this->v == 0);
	exit(0);
}
