/*
 * An array declaration needs a size or a tuple of key types.
 */
int a[];
