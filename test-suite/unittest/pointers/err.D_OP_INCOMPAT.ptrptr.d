/*
 * Pointers to different types do not subtract.
 */
BEGIN { trace((int *)0 - (long *)0); }
