/*
 * A translator declared twice.
 */
struct info { int id; }; translator struct info < struct task_struct *T > { id = T->pid; }; translator struct info < struct task_struct *T > { id = T->pid; };
