/*
 * A provider name may not end with a digit: a usdt provider's name is followed by the
 * process ID.
 */
provider myapp2 {
	probe query__start(char *, int);
};
