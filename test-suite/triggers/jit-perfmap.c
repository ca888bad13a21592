/*
 * A stand-in for a JIT compiler: copies a spin loop into an anonymous executable mapping,
 * names it in /tmp/perf-PID.map as JITs do for profilers ("jit_spin_loop", 64 bytes at the
 * mapping), then spins there for about half a second (counted in the loop) and exits. The map
 * stays for the symbolizer; the test removes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	/* dec %rdi; jnz .-3 (back to the dec); ret */
	static const unsigned char loop[] = { 0x48, 0xff, 0xcf, 0x75, 0xfb, 0xc3 };
	char path[64];
	FILE *f;
	void *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (code == MAP_FAILED)
		return 1;
	memcpy(code, loop, sizeof(loop));
	snprintf(path, sizeof(path), "/tmp/perf-%d.map", getpid());
	f = fopen(path, "w");
	if (f == NULL)
		return 1;
	fprintf(f, "%lx 40 jit_spin_loop\n", (unsigned long)code);
	fclose(f);
	((void (*)(long))code)(1500000000L);
	return 0;
}
