/*
 * An integer argument cannot be seen as a pointer: no translator takes an int,
 * and only a struct or union is translated to.
 */
provider app {
	probe go__on(int fd, long len) : (long len, char *fd);
};
