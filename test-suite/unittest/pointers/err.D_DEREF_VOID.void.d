/*
 * A void pointer cannot be dereferenced.
 */
BEGIN { trace(*(void *)arg0); }
