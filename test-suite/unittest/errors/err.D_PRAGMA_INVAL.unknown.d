/* An unknown #pragma D directive. */
#pragma D wombat
BEGIN { exit(0); }
