#!/bin/bash
# Macro argument errors need operands on the command line, so they are checked here:
# an integer operand too big for 64 bits (D_MACRO_OFLOW, dt_lex.l) and an operand
# the program never references (D_MACRO_UNUSED). Each must fail to compile.
$dtrace -x errtags -n 'BEGIN { $1; }' 0x12345678123456781 2>&1 | grep -o '\[D_[A-Z_]*\]'
echo "status ${PIPESTATUS[0]}"
$dtrace -x errtags -n 'BEGIN { exit(0); }' foo 2>&1 | grep -o '\[D_[A-Z_]*\]'
echo "status ${PIPESTATUS[0]}"
exit 0
