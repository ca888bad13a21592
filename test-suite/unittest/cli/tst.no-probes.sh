#!/bin/bash
# Options but no program.
$dtrace -q
echo "status $?"
