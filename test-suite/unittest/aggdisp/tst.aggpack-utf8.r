

  min .-----. max  | count
    0 : ▂▅▃ : 8    | 6
