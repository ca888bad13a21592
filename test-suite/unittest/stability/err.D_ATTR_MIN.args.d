/*
 * args[] takes the attributes of the provider's arguments, Private/Private/ISA for syscall,
 * and the actions are checked before the predicate. syscall:::entry itself is
 * Evolving/Evolving/Common (an empty field does not count), above the minimum.
 */
/* @@runtest-opts: -x amin=Evolving/Private/ISA */

syscall:::entry
/pid == 0/
{
	trace(args[0]);
}
