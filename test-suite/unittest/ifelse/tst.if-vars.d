/*
 * if/else with variables of every kind in conditions and branches, on a probe that fires
 * many times: each firing takes its own branch.
 */
/* @@trigger: getppid-loop 4 */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	self->n++;
	this->odd = self->n % 2;
	if (this->odd) {
		seen["odd"]++;
		printf("%d odd\n", self->n);
	} else {
		seen["even"]++;
		printf("%d even\n", self->n);
	}
}

syscall::getppid:entry
/pid == $target && self->n == 4/
{
	printf("%d %d\n", seen["odd"], seen["even"]);
}
