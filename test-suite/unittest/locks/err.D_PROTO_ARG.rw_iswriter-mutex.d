/*
 * rw_iswriter() takes a rwlock_t *: a struct mutex * is not one.
 */
BEGIN
{
	rw_iswriter(&curthread->signal->cred_guard_mutex);
}
