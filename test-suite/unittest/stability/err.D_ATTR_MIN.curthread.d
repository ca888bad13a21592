/*
 * curthread is Stable/Private/Common: its data semantics are below an Evolving minimum. The
 * description dtrace:::BEGIN (Stable/Stable/Common) is above it.
 */

#pragma D option amin=Evolving/Evolving/Common

dtrace:::BEGIN
{
	exit(0);
	trace(curthread);
}
