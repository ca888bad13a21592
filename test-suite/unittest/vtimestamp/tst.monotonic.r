went back in getppid: 0
went back in off-cpu: 0
went back in profile-4999: 0
getppid returns: 2000
returns where vtimestamp had not advanced since the first: 0

