/*
 * The member declarators of dt_grammar.y: several declarators per line, pointers,
 * arrays, qualifiers, unnamed bit-fields (a zero width one is ignored, as in DTrace),
 * function pointers, and a struct type declared with variables of it inside another.
 */
#pragma D option quiet

struct s {
	const int a, *b;
	volatile char c[3];
	int : 4;
	unsigned d : 4;
	int : 0;
	int (*fp)(int, char *);
	struct t {
		long v;
	} t1, *t2, t3[2];
};

BEGIN
{
	printf("%d %d %d %d %d\n", offsetof(struct s, b), offsetof(struct s, c),
	    offsetof(struct s, fp), offsetof(struct s, t1), offsetof(struct s, t3));
	printf("%d %d %d\n", sizeof (struct s), sizeof (struct t), sizeof (((struct s *)0)->fp));
	exit(0);
}
