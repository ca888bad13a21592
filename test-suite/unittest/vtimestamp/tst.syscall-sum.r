reads: 20
reads over which vtimestamp did not advance: 0
reads over which it advanced more than timestamp: 0
total vtimestamp in read non-zero: yes

