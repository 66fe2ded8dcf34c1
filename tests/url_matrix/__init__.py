"""Helpers for the all-URL × role matrix (tests/test_all_urls.py) and the erasure test.

- `demo`: load the demo data once (seed_demo) plus the few objects it lacks, inside one
  transaction that is rolled back at the end, and look demo objects up by their real names.
- `patterns`: walk the root resolver and list every URL pattern (Django admin aside).
- `kwargs`: the table that picks, per URL name, the demo objects for the pattern's arguments.
- `matrix`: request every pattern as every demo user and read/write the expected file.
"""
