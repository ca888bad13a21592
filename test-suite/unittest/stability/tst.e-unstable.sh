#!/bin/bash
# A description matching several probes through an empty field that its provider keeps
# stable (dtrace's probe names are Stable) is one DTrace declines to describe
# (dt_probe_info's EDT_UNSTABLE): the clause has the unstable attributes, and so do the
# context variables (probename here); -e -v prints only the description.
$dtrace -ev -n 'dtrace::: { trace(probename); }'
echo "status $?"
