#!/bin/bash
# -l -P dtrace: BEGIN, END and ERROR with Oracle's IDs 1, 2, 3.
$dtrace -l -P dtrace
echo "status $?"
