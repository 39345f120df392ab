"""Deterministic synthetic demo data: families of civil service eligible persons (R1), their
rosters (F1), signed e-forms (F2), an online bookings feed (F3), and a seeded database.

Everything here is streamed: families are generated one at a time from ``random.Random`` instances
seeded from the demo seed, so that the same seed gives byte-identical files and identical database
contents, and memory does not grow with the number of people. The entry points used by the CLI and
the GUI are in :mod:`fc_admin.services.demo`.
"""
