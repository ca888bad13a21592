#!/bin/bash
# -x bufpolicy: with `ring` a CPU keeps only its latest bufsize bytes of records, printed when
# tracing stops (the last values, then END); with `fill` tracing stops once a CPU's buffer is
# full (the first values, then END); `switch` loses nothing; another value is refused.
# tick-N fires on one CPU, so one buffer holds every record.
check() {
	awk -v want="$1" '
	NF == 0 { next }
	$1 == "end" { ends++; next }
	{ if (n > 0 && $1 != last + 1) gaps++; if (n == 0) first = $1; last = $1; n++ }
	END {
		if (want == "ring") ok = n > 0 && n < 40 && last == 39 && !gaps && ends == 1
		if (want == "fill") ok = n > 0 && n < 40 && first == 0 && !gaps && ends == 1
		if (want == "switch") ok = n == 40 && first == 0 && last == 39 && ends == 1
		print want, ok ? "ok" : "FAILED: " n " values, first " first ", last " last ", gaps " gaps+0 ", ends " ends+0
	}'
}
prog='int i; tick-1ms /i < 40/ { printf("%d\n", i++); } tick-1ms /i == 40/ { exit(0); }
    END { printf("end\n"); }'
$dtrace -x bufpolicy=ring -x bufsize=256 -qn "$prog" | check ring
$dtrace -x bufpolicy=fill -x bufsize=256 -qn "$prog" | check fill
$dtrace -x bufpolicy=switch -x bufsize=256 -qn "$prog" | check switch
$dtrace -x bufpolicy=full -qn 'BEGIN { exit(0); }' 2>&1
echo "status $?"
