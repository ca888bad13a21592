/*
 * mutex_owned() takes a struct mutex *: an integer is not one.
 */
BEGIN
{
	mutex_owned(1);
}
