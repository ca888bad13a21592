ring: status 0
ring: printed + drops = 100000, drops > 0: yes
ring: other stderr: []
perf: status 0
perf: printed + drops = 100000, drops > 0: yes
perf: other stderr: []
