"""Kwargs for mentoring's URL patterns in the all-URL matrix, on the demo data:
{url_name: lambda demo: kwargs}. The lead merges these into tests/url_matrix/kwargs.py."""


def _pairing(mentor_email):
    def kwargs(d):
        from participation.mentoring.models import Pairing

        return {"pk": Pairing.objects.get(mentor__email=mentor_email).pk}

    return kwargs


def _entry(model_name):
    def kwargs(d):
        from participation.mentoring import models

        row = getattr(models, model_name).objects.filter(
            pairing__mentor__email="ambassador@example.org"
        )
        return {"pk": row.order_by("pk").first().pk}

    return kwargs


def _record_check(d):
    from participation.mentoring.models import RecordCheck

    return {"pk": RecordCheck.objects.get(person__email="young@example.org").pk}


def _checked_record(d):
    """Jordan's record, which the demo worker checked."""
    from participation.mentoring.models import RecordCheck

    return {"pk": RecordCheck.objects.get(person__email="ambassador@example.org").pk}


PEER = _pairing("ambassador@example.org")  # Jordan mentoring Leo (11), Leo's dad named

KWARGS = {
    "mentoring:pairing": PEER,
    "mentoring:log_meeting": PEER,
    "mentoring:add_goal": PEER,
    "mentoring:end": PEER,
    "mentoring:report_pairing": PEER,
    "mentoring:goal_done": _entry("Goal"),
    "mentoring:report_goal": _entry("Goal"),
    "mentoring:report_meeting": _entry("MentoringMeeting"),
    "mentoring:record_check": _record_check,
    "mentoring:record_check_pdf": _checked_record,
    "mentoring:record_check_confirm": _record_check,
    "mentoring:record_check_turn_down": _record_check,
}
