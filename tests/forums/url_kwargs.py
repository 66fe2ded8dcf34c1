"""Kwargs for the Youth Council's year's URL patterns (forums' annual reports) in the all-URL
matrix, on the demo data: {url_name: lambda demo: kwargs}. The lead merges these into
tests/url_matrix/kwargs.py.

The demo's report is last year's Youth Council report, published and shared with two Council
Leaders (forums/demo.py, seed_year). A recipient's link is signed when the matrix asks for it,
so it is always a fresh, working one.
"""


def _report(d):
    from forums.models import AnnualReport

    return AnnualReport.objects.get(forum__group__slug="youth-council")


def _pk(d):
    return {"pk": _report(d).pk}


def _token(d):
    from forums.year_selectors import recipient_token

    leader = _report(d).recipients.get(email="leader@example.org")
    return {"token": recipient_token(leader)}


KWARGS = {
    "forums:annual_reports": {
        "youth-council": lambda d: {"slug": d.forum("youth-council").slug},
        "cicc": lambda d: {"slug": d.forum("children-in-care-council").slug},
    },
    "forums:annual_report_start": lambda d: {"slug": d.forum("youth-council").slug},
    "forums:annual_report": _pk,
    "forums:annual_report_words": _pk,
    "forums:annual_report_refresh": _pk,
    "forums:annual_report_publish": _pk,
    "forums:annual_report_recipients": _pk,
    "forums:annual_report_send": _pk,
    "forums:annual_report_pdf": _pk,
    "forums:annual_report_shared": _token,
    "forums:annual_report_shared_pdf": _token,
}
