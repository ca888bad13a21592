/*
 * -> through a pointer to an undefined struct.
 */
BEGIN { trace(((struct never_defined *)arg0)->x); }
