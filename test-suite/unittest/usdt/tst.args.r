fire fire 42 -7 123456789
main loop 0
main loop 1
main loop 2

