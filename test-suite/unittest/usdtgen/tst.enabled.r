untraced:
query-start enabled 0
query-done enabled 0
query-done traced:
fired 4

query-start enabled 0
query-done enabled 4
query-start traced:
fired 4

query-start enabled 4
query-done enabled 0
