status 0
events 5000
end
kept + drops = 5000, kept > 0: yes, drops > 0: yes
other stderr: []
