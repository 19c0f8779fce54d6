"""The committee's vote (第8条), 回避 (第3条), the shortlist and its cap (第5条), the 公示
(第9条) and the final list with its incentives (第10条): `zx ballots` and `zx tally`.

One concern per module: committee, candidates, ballots (reading), sheets (generating),
count (pure counting), publicity, final, outputs (files), terminal; pipeline ties them
together for the commands in zxcli/commands/tally.py.
"""
