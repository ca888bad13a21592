#!/bin/bash
# aggpack without an encoding: UTF-8 unless TERM is a terminal DTrace knows cannot show it
# (sun, sun-color, dumb); an explicit encoding wins over TERM.
for t in dumb sun xterm; do
	echo "TERM=$t"
	TERM=$t $dtrace -q -x aggpack -n 'BEGIN { @ = quantize(2); exit(0); }'
done
echo "TERM=xterm encoding=ascii"
TERM=xterm $dtrace -q -x aggpack -x encoding=ascii -n 'BEGIN { @ = quantize(2); exit(0); }'
echo "TERM=dumb encoding=utf8"
TERM=dumb $dtrace -q -x aggpack -x encoding=utf8 -n 'BEGIN { @ = quantize(2); exit(0); }'
