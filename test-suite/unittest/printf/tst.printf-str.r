hello|     hello|hello     |hel|       hel|hello  |     ab|
literal hello

