/*
 * sizeof of an incomplete type.
 */
BEGIN { trace(sizeof (struct never_defined)); }
