/*
 * A translator member its output type does not have.
 */
struct info { int id; }; translator struct info < struct task_struct *T > { nosuch = T->pid; };
