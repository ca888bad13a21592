/*
 * The translator has no conversion for the member.
 */
BEGIN { trace(curpsinfo->pr_size); }
