spin: CPU clock at least 200 ms: yes
spin: vtimestamp within 10% of the CPU clock: yes
spin: vtimestamp at most timestamp: yes
sleep: timestamp at least 200 ms: yes
sleep: vtimestamp under 10% of timestamp: yes

