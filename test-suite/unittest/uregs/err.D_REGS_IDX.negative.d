/* A negative constant index into uregs[ ] is out of range. */
BEGIN
{
	trace(uregs[-1]);
}
