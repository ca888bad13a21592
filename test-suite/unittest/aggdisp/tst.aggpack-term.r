TERM=dumb


  min .---. max  | count
    1 : X : 4    | 1
TERM=sun


  min .---. max  | count
    1 : X : 4    | 1
TERM=xterm


  min .---. max  | count
    1 : █ : 4    | 1
TERM=xterm encoding=ascii


  min .---. max  | count
    1 : X : 4    | 1
TERM=dumb encoding=utf8


  min .---. max  | count
    1 : █ : 4    | 1
