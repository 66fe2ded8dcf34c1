"""Nothing of mentoring is in the Django admin, on purpose: a pairing's log is for the pair,
their worker and the safeguarding leads only, and the admin would show it to every
administrator."""
