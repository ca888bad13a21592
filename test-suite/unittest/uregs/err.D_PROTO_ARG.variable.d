/* The index of uregs[ ] must be an integer constant. */
BEGIN
{
	i = 16;
	trace(uregs[i]);
}
