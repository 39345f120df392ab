"""Deterministic synthetic demo data: families of civil service eligible persons (R1), their
rosters (F1), signed e-forms (F2, a few of them to be refused), an online bookings feed (F3), and a
seeded database with the applications verified (R3.2), the officers' work on them (R3.4), and the
clinics' rollout, session templates, appointments and closures (R7, R8, R10).

Everything here is streamed: families are generated one at a time from ``random.Random`` instances
seeded from the demo seed, so that the same seed gives byte-identical files and identical database
contents, and memory does not grow with the number of people. The modules: :mod:`.people`
(families), :mod:`.names`, :mod:`.sources`, :mod:`.forms` (what families write on their forms, slips
included), :mod:`.rejects` (e-form files that must be quarantined), :mod:`.work` (assignment,
remarks and decisions), :mod:`.appointments` (the clinics' bookings), :mod:`.files` and :mod:`.seed`
(the two outputs); bulk, chained audit records come from :mod:`fc_admin.services.audit_bulk`. The
entry points used by the CLI and the GUI are in :mod:`fc_admin.services.demo`.
"""
