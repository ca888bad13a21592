/*
 * Print the ID of every BPF program, map and link the kernel holds, one "prog N", "map N" or
 * "link N" per line, walking BPF_*_GET_NEXT_ID. Tests use it to show that nothing of ours is
 * left after dtrace is killed.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void walk(int cmd, const char *what)
{
	union bpf_attr attr;
	__u32 id = 0;

	for (;;) {
		memset(&attr, 0, sizeof(attr));
		attr.start_id = id;
		if (syscall(SYS_bpf, cmd, &attr, sizeof(attr)) != 0)
			break;
		id = attr.next_id;
		printf("%s %u\n", what, id);
	}
}

int main(void)
{
	walk(BPF_PROG_GET_NEXT_ID, "prog");
	walk(BPF_MAP_GET_NEXT_ID, "map");
	walk(BPF_LINK_GET_NEXT_ID, "link");
	return 0;
}
