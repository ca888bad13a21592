abcde|

