/* A conversion with no argument. */
BEGIN { printf("%d %d\n", 1); }
