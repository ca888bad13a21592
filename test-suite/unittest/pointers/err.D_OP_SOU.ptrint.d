/*
 * -> needs a pointer to a struct or union.
 */
BEGIN { trace(((int *)arg0)->x); }
