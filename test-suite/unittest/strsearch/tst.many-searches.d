/*
 * index(), rindex() and strstr() cost the verifier the same whatever strsize is (their steps
 * run under bpf_loop()), so one clause can make many of them: 24 here, with the results
 * DTrace gives (overlapping matches, start positions, empty strings, no match).
 */
#pragma D option quiet

BEGIN
{
	s = "abcabcabd";
	printf("%d %d %d %d\n", index(s, "abd"), index(s, "abc"), index(s, "abc", 1), index(s, "zz"));
	printf("%d %d %d %d\n", rindex(s, "abc"), rindex(s, "abc", 2), rindex(s, "b", 100), rindex(s, "abcabcabdx"));
	printf("%d %d %d %d\n", index(s, ""), rindex(s, ""), index("", ""), index("", "a"));
	printf("%d %d %d %d\n", index("aaaa", "aa", 1), rindex("aaaa", "aa"), rindex("aaaa", "aa", 1), index("aaaa", "aa", -5));
	printf("%d %d %d %d\n", index("aabaabaaab", "aaab"), rindex("abababab", "abab"), index(s, "d", 8), index(s, "a", 9));
	printf("[%s] [%s] [%s] [%s]\n", strstr(s, "cab"), strstr("aabaabaaab", "aaab"), strstr(s, "abd"), strstr(s, s));
	exit(0);
}
