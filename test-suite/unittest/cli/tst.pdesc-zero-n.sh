#!/bin/bash
# A -n description that matches nothing: "invalid probe specifier", status 1.
$dtrace -n 'nosuchprov:::nosuchprobe { exit(0); }'
echo "status $?"
$dtrace -x errtags -n 'nosuchprov:::nosuchprobe'
echo "status $?"
