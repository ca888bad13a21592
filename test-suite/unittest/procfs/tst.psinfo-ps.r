status 0
ids match ps
size matches statm
rss ok 1
tty 1
addr 1 model 1
