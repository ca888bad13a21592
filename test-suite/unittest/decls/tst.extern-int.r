eb9f eba0

