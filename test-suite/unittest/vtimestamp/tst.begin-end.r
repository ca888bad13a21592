BEGIN's vtimestamp positive: yes
END in BEGIN's thread: yes
END's vtimestamp no smaller: yes

