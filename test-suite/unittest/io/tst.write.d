/*
 * io:::start and io:::done for a direct write: bufinfo_t says a write of whole sectors,
 * devinfo_t names the disk, fileinfo_t has no file for block requests.
 */
/* @@trigger: io-write */
#pragma D option quiet

int started;
int done;

io:::start
/pid == $target && (args[0]->b_flags & B_WRITE) && !started/
{
	started = 1;
	printf("start write %d sectors %d dev %d file %s\n", args[0]->b_flags == B_WRITE,
	    args[0]->b_bcount % 512 == 0, args[1]->dev_name != "", args[2]->fi_name);
}

io:::done
/started && !done && (args[0]->b_flags & B_WRITE)/
{
	done = 1;
	printf("done write\n");
}
