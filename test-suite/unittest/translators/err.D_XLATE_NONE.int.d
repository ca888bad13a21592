/*
 * No translator from int.
 */
struct info { int id; }; translator struct info < struct task_struct *T > { id = T->pid; }; BEGIN { trace(xlate <struct info *> (1)->id); }
