"""The demo objects that fill each grants URL's arguments, for the all-URL matrix
(tests/url_matrix/kwargs.py): the lead folds `KWARGS` into its table.

Amira (young@example.org) has a draft in this year's round, so her application pages show
what an applicant sees and everyone else gets 404; the Ambassador (Jordan) is a trained
reviewer on both panels; the finished 2020 round has awards, receipts, visits and published
showcase entries.
"""

FINISHED = "Pay it Forward 2020"
AMIRA = "young@example.org"


def _round(d, finished=False):
    from grants.models import Round

    rounds = (
        Round.objects.filter(name=FINISHED) if finished else Round.objects.exclude(name=FINISHED)
    )
    return rounds.get()


def _slug(finished=False):
    return lambda d: {"slug": _round(d, finished).slug}


def _amira_draft(d):
    from grants.models import Application

    return {"pk": Application.objects.get(applicant__email=AMIRA).pk}


def _sent(d):
    """A sent application in this year's round (not Amira's): for reviewers and workers."""
    from grants.models import Application

    return Application.objects.filter(round=_round(d), status="submitted").order_by("number")[0]


def _review(d):
    return {"slug": _round(d).slug, "pk": _sent(d).pk}


def _first(model, **lookup):
    from grants import models

    return getattr(models, model).objects.filter(**lookup).order_by("pk").first()


def _pk(model, **lookup):
    return lambda d: {"pk": _first(model, **lookup).pk}


KWARGS = {
    "grants:round": {"open": _slug(), "finished": _slug(finished=True)},
    "grants:start": _slug(),
    "grants:manage": _slug(),
    "grants:reviewer_add": _slug(),
    "grants:reviews": _slug(),
    "grants:close_reviews": _slug(),
    "grants:panel": {"open": _slug(), "finished": _slug(finished=True)},
    "grants:review": _review,
    "grants:conflict": _review,
    "grants:application": {"draft": _amira_draft, "sent": lambda d: {"pk": _sent(d).pk}},
    "grants:edit": _amira_draft,
    "grants:withdraw": _amira_draft,
    "grants:decide": lambda d: {"pk": _sent(d).pk},
    "grants:consent": lambda d: {"pk": _sent(d).pk},
    "grants:showcase_suggest": _pk("Application", status="awarded"),
    "grants:award": _pk("Award"),
    "grants:pay": _pk("Award"),
    "grants:receipt_add": _pk("Award"),
    "grants:visit_plan": _pk("Award"),
    "grants:visit": _pk("Visit"),
    "grants:receipt_file": _pk("Receipt"),
    "grants:photo_file": _pk("VisitPhoto"),
    "grants:showcase_report": _pk("ShowcaseEntry", status="published"),
    "grants:showcase_publish": _pk("ShowcaseEntry"),
    "grants:showcase_hide": _pk("ShowcaseEntry"),
}
