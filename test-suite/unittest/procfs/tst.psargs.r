[/bin/sleep 0.2 0.1] [sleep] 3
/bin/sleep 0.1
1
[/bin/sleep 0.2 0.1]

