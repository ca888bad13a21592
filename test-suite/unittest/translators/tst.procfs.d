/*
 * The standard translators: curpsinfo, curlwpsinfo and curcpu agree with the built-ins.
 */
#pragma D option quiet

BEGIN
{
	printf("%d %d\n", curpsinfo->pr_pid == pid, curpsinfo->pr_ppid == ppid);
	printf("%d %d\n", curpsinfo->pr_uid == uid, curpsinfo->pr_gid == gid);
	printf("%s\n", curpsinfo->pr_fname);
	printf("%d\n", curlwpsinfo->pr_lwpid == tid);
	printf("%d\n", curcpu->cpu_id == cpu);
	printf("%d\n", xlate <psinfo_t *> (curthread)->pr_pid == pid);
	exit(0);
}
