BEGIN's vtimestamp positive: yes
BEGIN's vtimestamp advances: yes
END in BEGIN's thread: yes
END's vtimestamp no smaller: yes
END's vtimestamp advances: yes

