frames: yes
same with strsize 256: yes
same with strsize 3: yes
