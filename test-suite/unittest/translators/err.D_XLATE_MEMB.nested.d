/*
 * A translator member path must name members of the output type.
 */
struct pair { int lo; int hi; };
struct out { struct pair p; };

translator struct out < struct task_struct *T > {
	p.mid = T->tgid;
};

BEGIN
{
	exit(0);
}
