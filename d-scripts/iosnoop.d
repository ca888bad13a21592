#!/usr/sbin/dtrace -s
/*
 * iosnoop.d: every block I/O as it completes: the process that issued it, the device,
 * read or write, the block, the size and the time it took.
 *
 *   dtrace -s iosnoop.d
 *
 *   PID COMM DEVICE RW BLOCK BYTES LATENCY(us)
 */
#pragma D option quiet
#pragma D option switchrate=10hz

BEGIN
{
	printf("%6s %-16s %-8s %2s %12s %8s %11s\n", "PID", "COMM", "DEVICE", "RW", "BLOCK",
	    "BYTES", "LATENCY(us)");
}

io:::start
{
	start[args[0]->b_edev, args[0]->b_blkno] = timestamp;
	who[args[0]->b_edev, args[0]->b_blkno] = pid;
	comm[args[0]->b_edev, args[0]->b_blkno] = execname;
}

io:::done
/start[args[0]->b_edev, args[0]->b_blkno]/
{
	this->dev = args[0]->b_edev;
	this->blk = args[0]->b_blkno;
	printf("%6d %-16s %-8s %2s %12d %8d %11d\n", who[this->dev, this->blk],
	    comm[this->dev, this->blk], args[1]->dev_statname,
	    args[0]->b_flags & B_READ ? "R" : "W", this->blk, args[0]->b_bcount,
	    (timestamp - start[this->dev, this->blk]) / 1000);
	start[this->dev, this->blk] = 0;
	who[this->dev, this->blk] = 0;
	comm[this->dev, this->blk] = 0;
}
