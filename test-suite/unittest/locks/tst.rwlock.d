/*
 * Reader/writer lock queries on a rwlock_t in a global, its lock word set as the kernel's
 * queued rwlock sets it: readers counted from bit 9, 0xff when write-locked, 0x100 when a
 * writer waits.
 */
#pragma D option quiet

rwlock_t rw;

BEGIN
{
	printf("%d %d %d\n", rw_read_held(&rw), rw_write_held(&rw), rw_iswriter(&rw));
	rw.raw_lock.cnts.counter = 3 << 9;
	printf("%d %d %d\n", rw_read_held(&rw) != 0, rw_write_held(&rw), rw_iswriter(&rw));
	rw.raw_lock.cnts.counter = 0xff;
	printf("%d %d %d\n", rw_read_held(&rw), rw_write_held(&rw) != 0, rw_iswriter(&rw) != 0);
	rw.raw_lock.cnts.counter = (1 << 9) | 0x100;
	printf("%d %d %d\n", rw_read_held(&rw) != 0, rw_write_held(&rw), rw_iswriter(&rw) != 0);
	exit(0);
}
