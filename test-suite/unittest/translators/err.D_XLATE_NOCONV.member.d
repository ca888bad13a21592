/*
 * The translator has no conversion for the member: psinfo_t's pr_start is translated
 * member by member (pr_start.tv_sec, pr_start.tv_nsec), not as a whole.
 */
BEGIN { trace(curpsinfo->pr_start); }
