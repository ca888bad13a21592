/*
 * vtimestamp counts the time a thread runs and not the time it sleeps. The trigger marks
 * (vt_mark, traced with the pid provider) the start of a spin, its end, passing the CPU
 * time it spun by its own thread CPU clock (200 ms), and the end of a 200 ms sleep. Over
 * the spin vtimestamp advances by the thread's CPU time (within 10%: the spin may be
 * preempted, so timestamp may advance more, but vtimestamp not); over the sleep by less than
 * a tenth of timestamp. (timestamp is read before vtimestamp at the start of the spin and
 * after it at the end, so that its span includes vtimestamp's.)
 */
/* @@trigger: vtime-work spin */
/* @@timeout: 30 */
#pragma D option quiet

pid$target:a.out:vt_mark:entry
/arg0 == 1/
{
	t1 = timestamp;
	v1 = vtimestamp;
}

pid$target:a.out:vt_mark:entry
/arg0 == 2/
{
	v2 = vtimestamp;
	t2 = timestamp;
	spun = arg1;
	printf("spin: CPU clock at least 200 ms: %s\n", spun >= 200000000 ? "yes" : "no");
	printf("spin: vtimestamp within 10%% of the CPU clock: %s\n",
	    v2 - v1 > spun - spun / 10 && v2 - v1 < spun + spun / 10 ? "yes" : "no");
	printf("spin: vtimestamp at most timestamp: %s\n", v2 - v1 <= t2 - t1 ? "yes" : "no");
}

pid$target:a.out:vt_mark:entry
/arg0 == 3/
{
	printf("sleep: timestamp at least 200 ms: %s\n",
	    timestamp - t2 >= 200000000 ? "yes" : "no");
	printf("sleep: vtimestamp under 10%% of timestamp: %s\n",
	    (vtimestamp - v2) * 10 < timestamp - t2 ? "yes" : "no");
}
