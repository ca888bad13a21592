FOO=new BAR=unset EMPTY= KEEP=kept

FOO=old BAR=x EMPTY=unset KEEP=kept

