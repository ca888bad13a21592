/*
 * Clause-local structs: members are stored and read in the clause-local area, shared by
 * the clauses of one probe firing; a kernel struct copies into one by value; a
 * clause-local struct copies into a thread-local one.
 */
#pragma D option quiet

this struct timespec64 ts;

BEGIN
{
	this->ts.tv_sec = 1;
	this->ts.tv_nsec = 500;
}

BEGIN
{
	printf("%d %d\n", this->ts.tv_sec, this->ts.tv_nsec);
	self->ts = this->ts;
	this->ts.tv_sec = 2;
	printf("%d %d %d\n", self->ts.tv_sec, self->ts.tv_nsec, this->ts.tv_sec);
	this->task = *curthread;
	printf("%d %d\n", this->task.pid == pid, this->task.tgid == curthread->tgid);
	exit(0);
}
