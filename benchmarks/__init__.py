"""Timed runs of fc-admin at scale, each against its limit and a physical baseline.

``python -m benchmarks`` (from the project root) runs them all at full size and prints a table;
``--quick`` runs smaller sizes, ``--only NAME`` one of them. Results also go to
``benchmarks/results/latest.json`` (git-ignored). Every figure is shown next to a baseline measured
in the same run on the same machine (plain ``sqlite3`` inserts, bare file writes, a bare Qt window,
raw SQL), so a slow machine and a slow program can be told apart.
"""
