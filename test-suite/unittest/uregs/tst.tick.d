/*
 * uregs[] outside user traps: in sched:::tick, a hard interrupt, they are still the user
 * registers of the thread the tick interrupted while it spins, with x86-64's user code and
 * stack segments (__USER_CS 0x33, __USER_DS 0x2b) and a stack pointer in the user half of
 * the address space.
 */
/* @@trigger: sched-yield */
#pragma D option quiet

sched:::tick
/pid == $target/
{
	ticks++;
	wrong += uregs[R_CS] != 0x33 || uregs[R_SS] != 0x2b || uregs[R_SP] >= 0x800000000000;
}

END
{
	printf("tick %d wrong %d\n", ticks > 0, wrong);
}
