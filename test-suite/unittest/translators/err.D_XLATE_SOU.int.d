/*
 * A translator output type must be a struct or union.
 */
translator int < struct task_struct *T > { x = T->pid; };
