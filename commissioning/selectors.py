"""Reads for commissioning pages, with who-may-see-what applied here once.

A provider only ever reaches its own organisation's bid (`bid_for`: anything else is "not
found"); the quality panel reads a bid through `bid_for_panel`, which leaves the price out;
feedback (`feedback_for`) is built from the decision's stored figures for that one bid only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404

from participation.access import allowed

from .models import (
    Bid,
    BidStatus,
    Clarification,
    ClarificationStatus,
    Round,
    SpecSection,
    SpecVersion,
    Stage,
    Statement,
    StatementPriority,
    StatementStatus,
)
from .permissions import provider_organisation_ids


def found(obj):
    if obj is None:
        raise Http404("Not found")
    return obj


# --- Rounds ---------------------------------------------------------------------------------


def round_list() -> list[Round]:
    return list(Round.objects.order_by("-created_at", "-pk"))


def round_by_slug(slug: str) -> Round | None:
    return (
        Round.objects.filter(slug=slug)
        .select_related(
            "rubric",
            "presentation_rubric",
            "quality_panel__rubric",
            "presentation_panel__rubric",
        )
        .first()
    )


def latest_version(round: Round) -> SpecVersion | None:
    return round.versions.order_by("-number").first()


def criteria_of(rubric) -> list:
    if rubric is None:
        return []
    return list(rubric.criteria.order_by("number"))


def answered_clarifications(round: Round) -> list[Clarification]:
    return list(round.clarifications.filter(status=ClarificationStatus.ANSWERED))


def clarifications_for(user, round: Round) -> list[Clarification]:
    """Workers see every question; a provider sees the answered ones and its own."""
    rows = round.clarifications.select_related("organisation")
    if allowed(user, "commissioning.answer_clarification", round):
        return list(rows)
    mine = provider_organisation_ids(user)
    return list(rows.filter(Q(status=ClarificationStatus.ANSWERED) | Q(organisation_id__in=mine)))


# --- The specification ----------------------------------------------------------------------


@dataclass
class SectionView:
    section: SpecSection
    statements: list
    comments: list


def draft_sections(round: Round, viewer) -> list[SectionView]:
    """The draft with its comments and statements (with how many chose each, and whether the
    viewer did), in a fixed number of queries."""
    mine = StatementPriority.objects.filter(statement=OuterRef("pk"), person_id=viewer.pk)
    statements = (
        Statement.objects.annotate(votes=Count("priorities"), chosen=Exists(mine))
        .exclude(status=StatementStatus.DECLINED)
        .order_by("-votes", "created_at", "pk")
    )
    declined = Statement.objects.filter(status=StatementStatus.DECLINED).annotate(
        votes=Count("priorities"), chosen=Exists(mine)
    )
    sections = round.sections.order_by("position").prefetch_related(
        Prefetch("statements", queryset=statements, to_attr="open_statements"),
        Prefetch("statements", queryset=declined, to_attr="declined_statements"),
        Prefetch("comments", queryset=_comments(), to_attr="all_comments"),
    )
    return [
        SectionView(
            section=s,
            statements=[*s.open_statements, *s.declined_statements],
            comments=s.all_comments,
        )
        for s in sections
    ]


def _comments():
    from .models import SpecComment

    return SpecComment.objects.select_related("author").order_by("created_at", "pk")


def versions_of(round: Round) -> list[SpecVersion]:
    return list(round.versions.order_by("number"))


@dataclass
class SideBySideRow:
    title_left: str
    title_right: str
    body_left: str
    body_right: str
    # Each statement as (text, priority, "same" | "added" | "removed").
    left: list = field(default_factory=list)
    right: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return (
            self.title_left != self.title_right
            or self.body_left != self.body_right
            or any(mark != "same" for *_x, mark in self.left + self.right)
        )


def side_by_side(left: SpecVersion, right: SpecVersion) -> list[SideBySideRow]:
    """Two versions lined up section by section, each statement marked as in both, only
    added on the right, or taken out since the left."""
    rows = []
    for a, b in zip_longest(left.content, right.content, fillvalue=None):
        a = a or {"title": "", "body": "", "statements": []}
        b = b or {"title": "", "body": "", "statements": []}
        left_texts = {s["text"] for s in a["statements"]}
        right_texts = {s["text"] for s in b["statements"]}
        rows.append(
            SideBySideRow(
                title_left=a["title"],
                title_right=b["title"],
                body_left=a["body"],
                body_right=b["body"],
                left=[
                    (s["text"], s["priority"], "same" if s["text"] in right_texts else "removed")
                    for s in a["statements"]
                ],
                right=[
                    (s["text"], s["priority"], "same" if s["text"] in left_texts else "added")
                    for s in b["statements"]
                ],
            )
        )
    return rows


# --- Bids -----------------------------------------------------------------------------------


def bid_for(user, pk: int) -> Bid:
    """A bid this person may see (its own organisation's, or any for a worker, or a sent one
    for its panel), else 404: a provider can't tell whether another organisation bid."""
    bid = Bid.objects.filter(pk=pk).select_related("round", "organisation", "round__rubric").first()
    if bid is None or not allowed(user, "commissioning.view_bid", bid):
        raise Http404("Not found")
    return bid


def my_bid(user, round: Round) -> Bid | None:
    orgs = provider_organisation_ids(user)
    if not orgs:
        return None
    return round.bids.filter(organisation_id__in=orgs).select_related("organisation").first()


@dataclass
class AnswerRow:
    criterion: object
    text: str


def answers_of(bid: Bid) -> list[AnswerRow]:
    texts = dict(bid.answers.values_list("criterion_id", "text"))
    return [AnswerRow(c, texts.get(c.pk, "")) for c in criteria_of(bid.round.rubric)]


@dataclass
class PanelBid:
    """A bid as the quality panel reads it: no price."""

    pk: int
    organisation: str
    answers: list
    attachments: list


def bid_for_panel(bid: Bid) -> PanelBid:
    return PanelBid(
        pk=bid.pk,
        organisation=bid.organisation.name,
        answers=answers_of(bid),
        attachments=list(bid.attachments.all()),
    )


def bids_of(round: Round) -> list[Bid]:
    return list(round.bids.select_related("organisation").order_by("organisation__name"))


def submitted_bids(round: Round) -> list[Bid]:
    return list(
        round.bids.filter(status=BidStatus.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def stage_rows(round: Round) -> list[dict]:
    from .models import STAGE_WORDS

    order = list(Stage)
    here = order.index(Stage(round.stage))
    return [
        {
            "label": s.label,
            "words": STAGE_WORDS[s],
            "state": "done" if i < here else ("now" if i == here else "later"),
        }
        for i, s in enumerate(order)
    ]


# --- Panels ---------------------------------------------------------------------------------


@dataclass
class ItemOwner:
    """What an engine item stands for here: a bid of a round, or a recruitment's candidate."""

    round: Round | None = None
    bid: Bid | None = None
    recruitment: object = None
    candidate: object = None
    presentation: bool = False

    @property
    def title(self) -> str:
        if self.round is not None:
            return self.round.service_title
        return f"Interview panel: {self.recruitment.title}"


def owner_of(item) -> ItemOwner:
    from .models import Candidate

    kind, _, pk = item.ref.partition(":")
    if kind == "commissioning.bid":
        bid = Bid.objects.select_related("round", "organisation").filter(pk=pk).first()
        if bid is not None:
            return ItemOwner(
                round=bid.round,
                bid=bid,
                presentation=item.panel_id == bid.round.presentation_panel_id,
            )
    if kind == "commissioning.candidate":
        candidate = Candidate.objects.select_related("recruitment").filter(pk=pk).first()
        if candidate is not None:
            return ItemOwner(recruitment=candidate.recruitment, candidate=candidate)
    raise Http404("Not found")


def item_by_pk(pk: int, *, person=None):
    """An engine item, with whether `person` has filled in its conflict form (`declared`) and
    said they have a conflict (`declared_conflict`), in one query."""
    from participation.scoring.models import Item

    from .models import Declaration

    mine = Declaration.objects.filter(item=OuterRef("pk"), person_id=getattr(person, "pk", None))
    return found(
        Item.objects.select_related("panel", "panel__rubric")
        .annotate(
            declared=Exists(mine),
            declared_conflict=Exists(mine.filter(has_conflict=True)),
        )
        .filter(pk=pk)
        .first()
    )


def declaration_of(person, item):
    from .models import Declaration

    return Declaration.objects.filter(item=item, person=person).first()


@dataclass
class PanelPlace:
    title: str
    panel: object
    items: list
    # The recruitment's page, with the job and the panel's questions for every candidate.
    recruitment_pk: int | None = None


def my_panels(person) -> list[PanelPlace]:
    """Every open round or recruitment panel this young person sits on, with their items."""
    from participation.scoring.models import Panellist
    from participation.scoring.selectors import items_for

    from .models import Recruitment

    panel_ids = list(
        Panellist.objects.filter(person=person, panel__status="open").values_list(
            "panel_id", flat=True
        )
    )
    if not panel_ids:
        return []
    places = []
    for round in Round.objects.filter(
        Q(quality_panel_id__in=panel_ids) | Q(presentation_panel_id__in=panel_ids)
    ).select_related("quality_panel", "presentation_panel"):
        for panel in (round.quality_panel, round.presentation_panel):
            if panel is not None and panel.pk in panel_ids:
                places.append(PanelPlace(panel.name, panel, items_for(person, panel)))
    for recruitment in Recruitment.objects.filter(panel_id__in=panel_ids).select_related("panel"):
        places.append(
            PanelPlace(
                recruitment.panel.name, recruitment.panel, items_for(person, recruitment.panel)
            )
        )
    return places


def trained_young_people(unlock: str, panel):
    """Young people trained for `unlock` today who are not on `panel` yet."""
    from participation.models import Role, User
    from participation.services.training import trained_user_ids

    young = User.objects.filter(role_assignments__role=Role.YOUNG_PERSON, is_active=True)
    ids = trained_user_ids(unlock, among=young)
    return (
        User.objects.filter(pk__in=ids)
        .exclude(scoring_places__panel=panel)
        .order_by("first_name", "last_name", "pk")
    )


def panellists_of(panel) -> list:
    return list(panel.panellists.select_related("person").order_by("person__first_name", "pk"))


def panel_of(round: Round, which: str):
    """The round's panel (loaded with the round by `round_by_slug`)."""
    return found(round.quality_panel if which == "quality" else round.presentation_panel)


# --- Feedback and the record ----------------------------------------------------------------


@dataclass
class FeedbackRow:
    title: str
    weight: int
    value: str | None
    moderated: bool
    reason: str
    comments: list


@dataclass
class Feedback:
    bid: Bid
    chosen: bool
    winner: str
    reasons: str
    quality_total: str | None
    presentation_total: str | None
    price_score: str | None
    total: str | None
    shortlisted: bool
    quality: list
    presentation: list


def _feedback_rows(panel, rubric, part: dict, ref: str) -> list[FeedbackRow]:
    """Per criterion: this bid's value, and the panel's words about this bid only."""
    from participation.scoring.models import ModeratedScore, Score

    if panel is None or rubric is None:
        return []
    mine = part.get(ref, {}).get("criteria", {})
    comments: dict[int, list[str]] = {}
    for criterion_id, comment in (
        Score.objects.filter(
            sheet__item__panel=panel, sheet__item__ref=ref, sheet__status="submitted"
        )
        .exclude(comment="")
        .values_list("criterion_id", "comment")
    ):
        comments.setdefault(criterion_id, []).append(comment)
    reasons = dict(
        ModeratedScore.objects.filter(item__panel=panel, item__ref=ref).values_list(
            "criterion_id", "reason"
        )
    )
    return [
        FeedbackRow(
            title=c.title,
            weight=c.weight,
            value=mine.get(str(c.pk), {}).get("value"),
            moderated=bool(mine.get(str(c.pk), {}).get("moderated")),
            reason=reasons.get(c.pk, ""),
            comments=comments.get(c.pk, []),
        )
        for c in criteria_of(rubric)
    ]


def feedback_for(bid: Bid) -> Feedback | None:
    """A provider's feedback: its own scores, the panel's words about its own bid, and the
    decision's reasons. Nothing here is read from another bid."""
    decision = getattr(bid.round, "decision", None)
    if decision is None or bid.status != BidStatus.SUBMITTED:
        return None
    data = decision.results
    combined = next((row for row in data.get("combined", []) if row["ref"] == bid.ref), {})
    return Feedback(
        bid=bid,
        chosen=decision.chosen_id == bid.pk,
        winner=decision.chosen.organisation.name,
        reasons=decision.reasons,
        quality_total=data.get("quality", {}).get(bid.ref, {}).get("total"),
        presentation_total=combined.get("presentation"),
        price_score=combined.get("price"),
        total=combined.get("total"),
        shortlisted=bool(combined),
        quality=_feedback_rows(
            bid.round.quality_panel, bid.round.rubric, data.get("quality", {}), bid.ref
        ),
        presentation=_feedback_rows(
            bid.round.presentation_panel,
            bid.round.presentation_rubric,
            data.get("presentation", {}),
            bid.ref,
        ),
    )


def audit_trail(round: Round) -> list:
    """Every recorded change to the round, its bids, their scores and moderated scores, and the
    decision: who, when and what (with the reason where one was given). Newest first."""
    from participation.models import AuditEvent

    bid_ids = [str(pk) for pk in round.bids.values_list("pk", flat=True)]
    refs = [f"commissioning.bid:{pk}" for pk in bid_ids]
    return list(
        AuditEvent.objects.filter(
            Q(target_type="commissioning.round", target_id=str(round.pk))
            | Q(target_type="commissioning.bid", target_id__in=bid_ids)
            | Q(detail__item__in=refs)
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


def panel_page_url(panel) -> str:
    from django.urls import reverse

    from .models import Recruitment

    round = Round.objects.filter(Q(quality_panel=panel) | Q(presentation_panel=panel)).first()
    if round is not None:
        which = "quality" if round.quality_panel_id == panel.pk else "presentation"
        return reverse("commissioning:panel", args=[round.slug, which])
    recruitment = Recruitment.objects.filter(panel=panel).first()
    if recruitment is not None:
        return reverse("commissioning:recruitment_detail", args=[recruitment.pk])
    return reverse("commissioning:round_list")


# --- For the base's registry ----------------------------------------------------------------


def commissioning_export_section(user) -> dict:
    """What a person did in commissioning, for their data download (their scores are in the
    scoring engine's part)."""
    from .models import RecruitmentQuestion, SpecComment

    return {
        "specification_comments": [
            {
                "round": c.section.round.title,
                "part": c.section.title,
                "text": c.text,
                "when": c.created_at.isoformat(),
            }
            for c in SpecComment.objects.filter(author=user).select_related("section__round")
        ],
        "specification_ideas": [
            {
                "round": s.section.round.title,
                "idea": s.text,
                "status": s.get_status_display(),
                "when": s.created_at.isoformat(),
            }
            for s in Statement.objects.filter(proposed_by=user).select_related("section__round")
        ],
        "ideas_chosen_as_mattering_most": list(
            StatementPriority.objects.filter(person=user).values_list("statement__text", flat=True)
        ),
        "questions_for_candidates": list(
            RecruitmentQuestion.objects.filter(asked_by=user).values_list("text", flat=True)
        ),
        "bids_sent": [
            {
                "round": b.round.title,
                "organisation": b.organisation.name,
                "when": b.submitted_at.isoformat() if b.submitted_at else None,
            }
            for b in Bid.objects.filter(submitted_by=user).select_related("round", "organisation")
        ],
        "questions_asked_about_rounds": list(
            Clarification.objects.filter(asked_by=user).values_list("question", flat=True)
        ),
    }


def commissioning_home_items(user) -> list[dict]:
    """Providers: rounds open for bids. One query, and none for anyone else: a young person's
    panels are in their notifications and under Commissioning, so the home page stays light."""
    from django.urls import reverse
    from django.utils import timezone

    from participation.models import Role

    if not (user and user.is_authenticated and user.has_role(Role.PROVIDER)):
        return []
    return [
        {
            "text": f"{r.service_title.capitalize()} is open for bids until "
            f"{timezone.localtime(r.bids_close_at):%H:%M on %d %B %Y}.",
            "url": reverse("commissioning:round_detail", args=[r.slug]),
            "kind": "commissioning",
        }
        for r in Round.objects.filter(stage=Stage.OPEN, bids_close_at__gt=timezone.now())[:3]
    ]


def commissioning_dashboard_section() -> dict:
    """For boards: rounds by stage and how many young people took part in each. Counts of
    people under 5 are shown as "fewer than 5"."""
    from participation.scoring.models import Panellist
    from participation.small_numbers import small_count

    rows = []
    for round in Round.objects.order_by("-created_at"):
        designers = set(
            Statement.objects.filter(section__round=round).values_list("proposed_by", flat=True)
        )
        panels = [p for p in (round.quality_panel_id, round.presentation_panel_id) if p]
        scorers = set(
            Panellist.objects.filter(panel_id__in=panels).values_list("person_id", flat=True)
        )
        designers.discard(None)
        rows.append(
            {
                "round": round.title,
                "stage": round.get_stage_display(),
                "bids": round.bids.filter(status=BidStatus.SUBMITTED).count(),
                "young_people_designing": small_count(len(designers)),
                "young_evaluators": small_count(len(scorers)),
            }
        )
    return {"title": "Commissioning", "rows": rows}


def commissioning_record_section(user) -> dict | None:
    """A young person's participation record: the services they helped design. The panels they
    sat on are on the record once, from the scoring engine (participation/scoring/record.py),
    and what they scored stays private."""
    designed = (
        Round.objects.filter(
            Q(sections__statements__proposed_by=user) | Q(sections__comments__author=user)
        )
        .distinct()
        .values_list("title", "created_at")
    )
    items = [
        {
            "date": when.date(),
            "text": f"Helped design the specification: {title}",
            "hours": None,
            "kind": "commissioning",
        }
        for title, when in designed
    ]
    if not items:
        return None
    return {"title": "Designing services", "hours": None, "items": items}
