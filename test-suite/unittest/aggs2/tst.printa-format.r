before
bash                    1|
dtrace                  2|
after

