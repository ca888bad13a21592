start 10 5 build who=ci n=1 raw=1
done 10 build status=0 raw0=0
start 11 4 test who=ci n=2 raw=2
done 11 test status=-1 raw0=-1
start 12 3 deploy who=ci n=3 raw=3
done 12 deploy status=-2 raw0=-2

status 0
