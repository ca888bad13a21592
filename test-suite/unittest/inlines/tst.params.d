/*
 * Inlines with parameters (DTrace's inline arrays): each reference substitutes its
 * arguments, converted to the parameters' types, and converts the result to the inline's
 * type; they nest, take pointers and can be used in predicates. An unnamed parameter
 * takes an argument the expression does not use.
 */
#pragma D option quiet

inline int sq[int x] = x * x;
inline int add[int x, int y] = x + y;
inline char low[int v] = v;
inline struct task_struct *parent_of[struct task_struct *t] = t->real_parent;
inline string greet[string who] = strjoin("hello ", who);
inline int four[int] = 4;

BEGIN
/sq[3] == 9/
{
	printf("%d %d %d %d\n", sq[4], add[2, sq[3]], sq[add[1, 1]], low[0x141]);
	printf("%d %s %d\n", parent_of[curthread]->tgid == ppid, greet["world"], four[1]);
	exit(0);
}
