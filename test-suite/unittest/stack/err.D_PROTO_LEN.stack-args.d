/*
 * stack() takes at most one argument: its prototype, stack([uint32_t]), says so before
 * the action's own check could (D_STACK_PROTO never arises in Oracle's DTrace).
 */
BEGIN
{
	stack(1, 2);
}
