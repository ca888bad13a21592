/*
 * A NULL string read from a variable cannot be recorded, used as an aggregation key or as an
 * array key: each faults with an invalid address (0x0) and tracing goes on, as when the
 * subroutine's result is used directly.
 */
#pragma D option quiet

BEGIN { g = strchr("abc", 'z'); this->l = g; self->t = g; a[1] = g; }
BEGIN { trace(g); }
BEGIN { this->l = strchr("abc", 'z'); printf("%s\n", this->l); }
BEGIN { self->t = strchr("abc", 'z'); printf("%s\n", self->t); }
BEGIN { printf("%s\n", a[1]); }
BEGIN { @[g] = count(); }
BEGIN { n[g] = 1; }
BEGIN { printf("%d %d\n", strlen(g), 1); }
BEGIN { g = "still"; printf("%s tracing\n", g); exit(0); }

ERROR { printf("fault %d at %d\n", arg4, arg5); }
