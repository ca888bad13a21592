/*
 * aggpack and aggzoom are dynamic options: setopt() changes how the next printa() draws.
 */
#pragma D option quiet
#pragma D option encoding=ascii
#pragma D option aggsortkey

BEGIN
{
	@["a"] = quantize(2);
	@["b"] = quantize(8, 3);
	printa(@);
	setopt("aggpack");
	printa(@);
	setopt("aggpack", "off");
	setopt("aggzoom");
	printa(@);
	exit(0);
}
