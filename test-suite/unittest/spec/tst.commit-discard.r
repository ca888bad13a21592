committing round 0
round 0: first (id 1)
round 0: second
committing round 2
round 2: first (id 1)
round 2: second
a 1 b 0

-- @@stderr --
dtrace: 1 failed speculation (no speculative buffer available)
