/*
 * 64 mixed string searches in one clause (index, rindex, strstr, strchr, strrchr, some fed
 * by another search's result) load and give DTrace's results: each search costs the verifier
 * a fixed amount, and strstr() no longer makes it walk the search's steps.
 * @@timeout: 60
 */
#pragma D option quiet

BEGIN
{
	this->s = "abcabcabd";
	self->t = "xyzxyz";
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	printf("%d %d %d %d %d %d %d %d\n", index(this->s, "abd"), rindex(self->t, "yz"),
	    strstr(this->s, self->t) == NULL, strchr(self->t, 'z') != NULL,
	    index(this->s, strchr(this->s, 'c'), 3), rindex(this->s, "b", 5),
	    strrchr(self->t, 'x') != NULL, index(strstr(this->s, "ca"), "zz"));
	exit(0);
}
