"""Which demo objects fill each commissioning URL's arguments, for the lead to add to
tests/url_matrix/kwargs.py's KWARGS: {url name: demo -> kwargs}."""

ROUND = "Emotional health and wellbeing service 2026"
RECRUITMENT = "HeadStart School Support Coordinator"


def _round(d):
    from commissioning.models import Round

    return Round.objects.get(title=ROUND)


def _slug(d):
    return {"slug": _round(d).slug}


def _section(d):
    return _round(d).sections.order_by("position").first()


def _slug_section(d):
    return {"slug": _round(d).slug, "section": _section(d).pk}


def _statement(d):
    from commissioning.models import Statement

    return {"pk": Statement.objects.filter(section__round=_round(d)).order_by("pk").first().pk}


def _bid(d):
    """Bilston Youth Project's bid: the demo provider's own (provider@example.org)."""
    return {"pk": _round(d).bids.get(organisation__name="Bilston Youth Project").pk}


def _attachment(d):
    from commissioning.models import BidAttachment

    return {
        "pk": BidAttachment.objects.filter(bid__organisation__name="Bilston Youth Project")
        .order_by("pk")
        .first()
        .pk
    }


def _clarification(d):
    return {"pk": _round(d).clarifications.order_by("pk").first().pk}


def _item(d):
    """Bilston's bid on the written-bid panel (Jordan, ambassador@, has sent his scores)."""
    round = _round(d)
    bid = round.bids.get(organisation__name="Bilston Youth Project")
    return {"pk": round.quality_panel.items.get(ref=bid.ref).pk}


def _panellist(d):
    return {"pk": _round(d).quality_panel.panellists.order_by("pk").first().pk}


def _recruitment(d):
    from commissioning.models import Recruitment

    return {"pk": Recruitment.objects.get(title=RECRUITMENT).pk}


def _quality(d):
    return {"slug": _round(d).slug, "which": "quality"}


KWARGS = {
    "commissioning:round_detail": _slug,
    "commissioning:round_edit": _slug,
    "commissioning:round_move": lambda d: {"slug": _round(d).slug, "move": "start_presentations"},
    "commissioning:spec_draft": _slug,
    "commissioning:section_add": _slug,
    "commissioning:section_edit": _slug_section,
    "commissioning:comment_add": _slug_section,
    "commissioning:statement_propose": _slug_section,
    "commissioning:statement_prioritise": _statement,
    "commissioning:statement_decide": _statement,
    "commissioning:spec_publish": _slug,
    "commissioning:spec_versions": _slug,
    "commissioning:criteria_edit": _slug,
    "commissioning:presentation_criteria_edit": _slug,
    "commissioning:bid_edit": _slug,
    "commissioning:bid_detail": _bid,
    "commissioning:bid_submit": _bid,
    "commissioning:bid_reopen": _bid,
    "commissioning:bid_withdraw": _bid,
    "commissioning:attachment_add": _bid,
    "commissioning:attachment_file": _attachment,
    "commissioning:clarifications": _slug,
    "commissioning:clarification_answer": _clarification,
    "commissioning:feedback": _bid,
    "commissioning:panel": _quality,
    "commissioning:moderation": _quality,
    "commissioning:shortlist": _slug,
    "commissioning:decision": _slug,
    "commissioning:audit": _slug,
    "commissioning:score": _item,
    "commissioning:declare": _item,
    "commissioning:moderate": _item,
    "commissioning:panellist_remove": _panellist,
    "commissioning:recruitment_detail": _recruitment,
    "commissioning:candidate_add": _recruitment,
    "commissioning:recruitment_question_add": _recruitment,
    "commissioning:recruitment_panellist_add": _recruitment,
    "commissioning:recruitment_start": _recruitment,
    "commissioning:recruitment_shortlist": _recruitment,
    "commissioning:recruitment_close": _recruitment,
}
