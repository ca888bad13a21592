[barbazbar] [foobar] [foobar]

