#!/bin/bash
# -l with a description that matches nothing: the header, Oracle's message, status 0.
$dtrace -l -n nosuchprov:::
echo "status $?"
