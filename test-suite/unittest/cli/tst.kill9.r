dtrace held BPF objects: yes
left behind: nothing
done
