strchr("fooeyfooeyfoo", 'f') = "fooeyfooeyfoo"
strrchr("fooeyfooeyfoo", 'f') = "foo"
strchr("fooeyfooeyfoo", 'y') = "yfooeyfoo"
strrchr("fooeyfooeyfoo", 'y') = "yfoo"
strrchr("yfooeyfoo", 'y') = "yfoo"

