"""Reads of Pay it Forward, for pages, reminders, the home page, dashboards and a person's data.

Blind review: reviewers are given a `BlindApplication`, built here and nowhere else, which holds
what the project is and costs and nothing about who asked (no name, school, co-applicants,
trusted adult, parent or carer, or the name to show). The scoring engine's item for an
application is labelled with its number only ("Application PIF-2026-007").

Each page's reads are a fixed number of queries however many applications it lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, Count, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import fetch_or_404
from participation.models import Role, User
from participation.scoring.models import Item, Panellist, Score, SheetStatus
from participation.selectors.eligibility import Criteria, eligibility, split_areas

from .models import (
    CONSENT_UNDER_AGE,
    DECIDED,
    Application,
    ApplicationStatus,
    Award,
    AwardStatus,
    BudgetLine,
    Round,
    ShowcaseEntry,
    ShowcaseStatus,
    Visit,
    VisitStatus,
    money,
)


def _long(day) -> str:
    return date_format(day, "j F Y")


# --- Rounds -----------------------------------------------------------------------------------


def round_closed_words(round_: Round, now=None) -> str:
    now = now or timezone.now()
    if now < round_.opens_at:
        return (
            f"{round_.name} is not open yet. It opens on "
            f"{_long(timezone.localtime(round_.opens_at))}."
        )
    return (
        f"{round_.name} closed on {_long(timezone.localtime(round_.closes_at))}, so it can't take "
        "applications now. Look out for the next round."
    )


def _subquery_sum(model, field: str, **filters):
    """A per-round sum as a subquery, so that two sums (or a sum and a count) over different
    tables do not multiply each other through a join."""
    rows = (
        model.objects.filter(round=OuterRef("pk"), **filters)
        .order_by()
        .values("round")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Subquery(rows)


def _subquery_count(model, **filters):
    rows = (
        model.objects.filter(round=OuterRef("pk"), **filters)
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _with_figures(queryset):
    return queryset.annotate(
        sent=_subquery_count(
            Application,
            status__in=[
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.AWARDED,
                ApplicationStatus.DECLINED,
            ],
        ),
        grants=_subquery_count(Award),
        awarded=_subquery_sum(Award, "amount"),
    )


def round_list() -> list[Round]:
    rounds = list(_with_figures(Round.objects.all()))
    now = timezone.now()
    for r in rounds:
        r.open_now = r.is_open(now)
        r.left = r.budget - (r.awarded or Decimal("0"))
    return rounds


def round_by_slug(slug: str) -> Round | None:
    r = _with_figures(Round.objects.filter(slug=slug)).select_related("panel__rubric").first()
    if r is not None:
        r.open_now = r.is_open()
        r.left = r.budget - (r.awarded or Decimal("0"))
    return r


def budget_left(round_: Round) -> Decimal:
    awarded = Award.objects.filter(round=round_).aggregate(t=Sum("amount"))["t"]
    return round_.budget - (awarded or Decimal("0"))


def rubric_of(round_: Round):
    """The round's criteria, for the round page (young people see what reviewers look for)."""
    return list(round_.panel.rubric.criteria.order_by("number"))


# --- Eligibility of an application ------------------------------------------------------------


def criteria_for(round_: Round, on: date) -> Criteria:
    return Criteria(
        what="Pay it Forward",
        min_age=round_.min_age,
        max_age=round_.max_age,
        on=on,
        areas=split_areas(round_.area),
    )


def application_problems(application: Application, *, on: date, now=None) -> list[str]:
    """Every reason this application can't be sent today, in plain English: the base's
    eligibility (age on the day of applying, area), then Pay it Forward's own rules (the
    round is open, the amount, the budget lines add up, what must be filled in)."""
    round_ = application.round
    person = application.applicant
    problems = list(eligibility(person, criteria_for(round_, on)).reasons)
    if not round_.is_open(now):
        problems.append(round_closed_words(round_, now))
    amount = application.amount
    lines = list(application.budget_lines.all())
    if amount is None:
        problems.append("Say how much money you are asking for.")
    elif amount < round_.min_grant:
        problems.append(
            f"You asked for {money(amount)}. Pay it Forward grants are {money(round_.min_grant)} "
            f"to {money(round_.max_grant)}, so ask for at least {money(round_.min_grant)}."
        )
    elif amount > round_.max_grant:
        problems.append(
            f"You asked for {money(amount)}. Pay it Forward grants are {money(round_.min_grant)} "
            f"to {money(round_.max_grant)}, so ask for {money(round_.max_grant)} or less."
        )
    if not lines:
        problems.append("Add your budget: what you will spend the money on, line by line.")
    elif amount is not None:
        total = sum((line.cost for line in lines), Decimal("0"))
        if total != amount:
            problems.append(
                f"Your budget lines add up to {money(total)}, but you asked for {money(amount)}. "
                "Change the lines or the amount so they are the same."
            )
    missing = [
        words
        for value, words in (
            (application.helps, "whether it helps one person or a group"),
            (application.who_it_helps, "who it helps"),
            (application.wellbeing, "how it helps their wellbeing"),
            (application.plan, "what will happen and when"),
            (application.adult_name, "the name of the trusted adult who will hold the money"),
            (application.adult_relationship, "how the trusted adult knows you"),
            (application.adult_contact, "how we can contact the trusted adult"),
            (application.showcase_name, "the name to show if your project is funded"),
        )
        if not value
    ]
    age = person.age(on=on)
    if age is not None and age < CONSENT_UNDER_AGE:
        missing += [
            words
            for value, words in (
                (application.consent_name, "the name of your parent or carer who says yes"),
                (application.consent_relationship, "who they are to you (for example Mum)"),
                (application.consent_contact, "how we can contact your parent or carer"),
            )
            if not value
        ]
    if missing:
        problems.append("Fill in " + _and(missing) + ".")
    return problems


def _and(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- Applications: the young person's own -----------------------------------------------------


def _lines():
    return Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("position"))


def my_applications(user: User) -> list[Application]:
    return list(
        Application.objects.filter(applicant=user)
        .select_related("round", "award")
        .order_by("-created_at", "-pk")
    )


def application_for(user: User, pk: int, perm: str = "grants.view_application") -> Application:
    """The application, if this person may see it; otherwise 404 (so nobody learns whether an
    application they may not see exists)."""
    return fetch_or_404(
        user,
        perm,
        Application.objects.select_related("round", "applicant", "award").prefetch_related(
            _lines()
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class Feedback:
    criterion: str
    comment: str


def feedback_for(application: Application) -> list[Feedback]:
    """The young reviewers' comments on a sent application, by criterion, without their names
    (nor which reviewer wrote which)."""
    scores = (
        Score.objects.filter(
            sheet__item__panel_id=application.round.panel_id,
            sheet__item__ref=application.item_ref,
            sheet__status=SheetStatus.SUBMITTED,
        )
        .exclude(comment="")
        .select_related("criterion")
        .order_by("criterion__number", "sheet__submitted_at", "pk")
    )
    return [Feedback(s.criterion.title, s.comment.strip()) for s in scores]


# --- Blind review -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BlindLine:
    item: str
    cost: Decimal


@dataclass(frozen=True)
class BlindApplication:
    """What a reviewer sees: the project, never the person."""

    pk: int
    reference: str
    title: str
    helps: str
    who_it_helps: str
    people_helped: int | None
    wellbeing: str
    plan: str
    amount: Decimal | None
    lines: tuple[BlindLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.cost for line in self.lines), Decimal("0"))


def blind(application: Application, *, with_budget: bool = True) -> BlindApplication:
    return BlindApplication(
        pk=application.pk,
        reference=application.reference,
        title=application.title,
        helps=application.get_helps_display() if application.helps else "",
        who_it_helps=application.who_it_helps,
        people_helped=application.people_helped,
        wellbeing=application.wellbeing,
        plan=application.plan,
        amount=application.amount,
        lines=tuple(BlindLine(line.item, line.cost) for line in application.budget_lines.all())
        if with_budget
        else (),
    )


def sent_applications(round_: Round):
    return (
        Application.objects.filter(round=round_)
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .select_related("round")
        .order_by("number")
    )


@dataclass
class ReviewRow:
    application: BlindApplication
    item: Item
    state: str  # "to do", "draft", "sent", "conflict"


def reviews_for(user: User, round_: Round) -> list[ReviewRow]:
    """The applications a reviewer on the round's panel is to score, with where they are up
    to: three queries however many there are."""
    items = {
        item.ref: item
        for item in Item.objects.filter(panel_id=round_.panel_id).prefetch_related(
            Prefetch(
                "sheets",
                queryset=_sheets_of(user),
                to_attr="mine",
            ),
            Prefetch("conflicts", queryset=_conflicts_of(user), to_attr="my_conflicts"),
        )
    }
    rows = []
    for application in sent_applications(round_):
        item = items.get(application.item_ref)
        if item is None:
            continue
        if item.my_conflicts:
            state = "conflict"
        elif item.mine and item.mine[0].status == SheetStatus.SUBMITTED:
            state = "sent"
        elif item.mine:
            state = "draft"
        else:
            state = "to do"
        rows.append(ReviewRow(blind(application, with_budget=False), item, state))
    return rows


def _sheets_of(user):
    from participation.scoring.models import Sheet

    return Sheet.objects.filter(person_id=user.pk)


def _conflicts_of(user):
    from participation.scoring.models import Conflict

    return Conflict.objects.filter(person_id=user.pk)


def review_target(user: User, slug: str, pk: int) -> tuple[Application, Item] | None:
    """A sent application of the round with this slug, its round and its scoring item, read
    in one query (with the budget lines in a second), or None."""
    items = Item.objects.filter(
        panel_id=OuterRef("round__panel_id"),
        ref=Concat(Value("grants.application:"), Cast(OuterRef("pk"), CharField())),
    )
    application = (
        Application.objects.filter(round__slug=slug, pk=pk)
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .select_related("round__panel__rubric")
        .annotate(
            item_pk=Subquery(items.values("pk")[:1]),
            item_label=Subquery(items.values("label")[:1]),
            item_created_at=Subquery(items.values("created_at")[:1]),
        )
        .prefetch_related(_lines())
        .first()
    )
    if application is None or application.item_pk is None:
        return None
    item = Item(
        pk=application.item_pk,
        panel=application.round.panel,
        ref=application.item_ref,
        label=application.item_label,
        created_at=application.item_created_at,
    )
    item._state.adding = False
    item._state.db = "default"
    # The permission layer's "may this person review it?" asks of this item, not another.
    application._grants_item = item
    return application, item


def is_on_panel(user: User, round_: Round) -> bool:
    return Panellist.objects.filter(panel_id=round_.panel_id, person_id=user.pk).exists()


def applications_of(round_: Round) -> list[Application]:
    """For the worker's round page: every application, with its applicant (workers see who)."""
    return list(
        Application.objects.filter(round=round_)
        .select_related("applicant", "award", "round")
        .order_by("number")
    )


def reviewers_of(round_: Round) -> list[Panellist]:
    return list(
        Panellist.objects.filter(panel_id=round_.panel_id)
        .select_related("person")
        .order_by("person__first_name", "pk")
    )


# --- The decision panel -----------------------------------------------------------------------


@dataclass
class DecisionRow:
    application: Application
    result: object  # the engine's ItemResult, or None while scores are hidden
    reviews: int


def decision_rows(round_: Round, viewer: User) -> list[DecisionRow]:
    """Every sent application with its aggregated scores and spread flags (once the engine
    shows them to this viewer), ranked; while they are hidden, how many reviews each has."""
    from participation.scoring.selectors import progress, results

    applications = {a.item_ref: a for a in sent_applications(round_).select_related("award")}
    ranked = results(round_.panel, viewer=viewer)
    rows = []
    if ranked is not None:
        for result in ranked:
            application = applications.pop(result.item, None)
            if application is not None:
                rows.append(DecisionRow(application, result, result.sheets))
    if applications:
        reviews = {p.item.ref: p.submitted for p in progress(round_.panel)}
        rows += [
            DecisionRow(application, None, reviews.get(ref, 0))
            for ref, application in applications.items()
        ]
    return rows


def result_for(round_: Round, application: Application, viewer: User):
    from participation.scoring.selectors import results

    for result in results(round_.panel, viewer=viewer) or ():
        if result.item == application.item_ref:
            return result
    return None


def criteria_titles(round_: Round) -> dict[int, str]:
    return dict(round_.panel.rubric.criteria.values_list("pk", "title"))


# --- Awards, payment, visits ------------------------------------------------------------------


def award_for(pk: int) -> Award | None:
    return (
        Award.objects.select_related("application__round", "application__applicant")
        .prefetch_related("receipts", "visits__activity")
        .filter(pk=pk)
        .first()
    )


def awards_of(round_: Round) -> list[Award]:
    return list(
        Award.objects.filter(round=round_)
        .select_related("application")
        .order_by("application__number")
    )


def visit_for(pk: int) -> Visit | None:
    return (
        Visit.objects.select_related("award__application__round", "activity")
        .prefetch_related("photos")
        .filter(pk=pk)
        .first()
    )


# --- The showcase -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundFigures:
    round: Round
    grants: int
    pounds: Decimal
    people_helped: int

    @property
    def pounds_words(self) -> str:
        return money(self.pounds)


def showcase() -> tuple[list[ShowcaseEntry], list[RoundFigures]]:
    """Published projects, and each round's figures (grants, pounds awarded, people the
    finished projects helped): two queries."""
    entries = list(
        ShowcaseEntry.objects.filter(status=ShowcaseStatus.PUBLISHED)
        .select_related("round")
        .order_by("-round__opens_at", "title", "pk")
    )
    rounds = _with_figures(Round.objects.all()).filter(grants__gt=0)
    helped = dict(
        ShowcaseEntry.objects.filter(status=ShowcaseStatus.PUBLISHED)
        .values_list("round_id")
        .annotate(n=Sum("people_helped"))
    )
    figures = [
        RoundFigures(r, r.grants, r.awarded or Decimal("0"), helped.get(r.pk, 0)) for r in rounds
    ]
    return entries, figures


def showcase_queue() -> list[ShowcaseEntry]:
    return list(
        ShowcaseEntry.objects.filter(status=ShowcaseStatus.WAITING)
        .select_related("round")
        .order_by("created_at", "pk")
    )


def showcase_entry(pk: int) -> ShowcaseEntry | None:
    return ShowcaseEntry.objects.filter(pk=pk).select_related("round").first()


# --- The registry's parts ---------------------------------------------------------------------


def grants_home_items(user) -> list[dict]:
    """A young person: drafts to finish and decisions to read; a reviewer: rounds to review.
    One query (the home page's budget is tight): the two lists come back as one union."""
    if not (user and user.is_authenticated and user.has_role(Role.YOUNG_PERSON)):
        return []
    now = timezone.now()
    mine = (
        Application.objects.filter(applicant_id=user.pk)
        .filter(
            Q(status=ApplicationStatus.DRAFT, round__closes_at__gt=now)
            | Q(status__in=DECIDED, decided_at__gte=now - timedelta(days=30))
        )
        .annotate(kind=Value("application"), slug=Value(""))
        .values_list("kind", "pk", "title", "status", "slug")
        .order_by()
    )
    reviewing = (
        Round.objects.filter(panel__panellists__person_id=user.pk, review_deadline__gt=now)
        .annotate(kind=Value("review"), status=Value(""))
        .values_list("kind", "pk", "name", "status", "slug")
        .order_by()
    )
    if connection.features.supports_slicing_ordering_in_compound:
        rows = mine[:3].union(reviewing[:2], all=True)
    else:  # SQLite, the embedded default, cannot limit the parts of a union: two queries
        rows = [*mine[:3], *reviewing[:2]]
    items = []
    for kind, pk, title, status, slug in rows:
        if kind == "review":
            text = f"Review Pay it Forward applications for {title}"
            url = reverse("grants:reviews", args=[slug])
        elif status == ApplicationStatus.DRAFT:
            text = f"Finish your Pay it Forward application: {title}"
            url = reverse("grants:application", args=[pk])
        else:
            text = f"The panel has decided about {title}"
            url = reverse("grants:application", args=[pk])
        items.append({"text": text, "url": url, "kind": "grants"})
    return items


def grants_record_section(user) -> dict | None:
    """A young person's participation record: what they applied for, reviewed and visited,
    each with its date. One query: the three lists come back as one union."""
    applied = (
        Application.objects.filter(applicant=user, submitted_at__isnull=False)
        .annotate(kind=Value("applied"), when=F("submitted_at"), what=F("title"))
        .values_list("kind", "when", "what", "round__name", "status")
        .order_by()
    )
    from participation.scoring.models import Sheet

    reviewed = (
        Sheet.objects.filter(
            person=user, status=SheetStatus.SUBMITTED, item__panel__grant_round__isnull=False
        )
        .annotate(
            kind=Value("reviewed"),
            when=F("submitted_at"),
            what=Value(""),
            round_name=F("item__panel__grant_round__name"),
            state=Value(""),
        )
        .values_list("kind", "when", "what", "round_name", "state")
        .order_by()
    )
    visited = (
        Visit.objects.filter(activity__signups__user=user, status=VisitStatus.DONE)
        .annotate(
            kind=Value("visited"),
            when=F("activity__starts_at"),
            what=Coalesce(F("award__application__title"), Value("")),
            round_name=F("award__round__name"),
            state=Value(""),
        )
        .values_list("kind", "when", "what", "round_name", "state")
        .order_by()
    )
    items = []
    for kind, when, what, round_name, status in applied.union(reviewed, visited, all=True):
        if kind == "applied":
            text = f"Applied to {round_name} for {what} ({ApplicationStatus(status).label.lower()})"
        elif kind == "reviewed":
            text = f"Reviewed a Pay it Forward application for {round_name}"
        else:
            text = "Visited a project Pay it Forward funded" + (f": {what}" if what else "")
        items.append({"date": timezone.localdate(when), "text": text})
    if not items:
        return None
    return {"title": "Pay it Forward", "items": sorted(items, key=lambda i: i["date"])}


def grants_export_section(user: User) -> dict:
    """Everything Pay it Forward holds about a person, for their data download (their reviews'
    scores are in the scoring engine's part)."""
    return {
        "pay_it_forward_applications": [
            {
                "reference": a.reference,
                "round": a.round.name,
                "status": a.get_status_display(),
                "title": a.title,
                "helps": a.get_helps_display() if a.helps else "",
                "who_it_helps": a.who_it_helps,
                "people_helped": a.people_helped,
                "wellbeing": a.wellbeing,
                "plan": a.plan,
                "amount": str(a.amount) if a.amount is not None else "",
                "budget": [{"item": b.item, "cost": str(b.cost)} for b in a.budget_lines.all()],
                "co_applicants": a.co_applicants,
                "school": a.school,
                "trusted_adult": {
                    "name": a.adult_name,
                    "relationship": a.adult_relationship,
                    "contact": a.adult_contact,
                },
                "parent_or_carer": {
                    "name": a.consent_name,
                    "relationship": a.consent_relationship,
                    "contact": a.consent_contact,
                },
                "name_to_show": a.showcase_name,
                "decision": a.decision_reason,
                "sent": a.submitted_at.isoformat() if a.submitted_at else "",
            }
            for a in Application.objects.filter(applicant=user)
            .select_related("round")
            .prefetch_related(_lines())
        ],
        "pay_it_forward_visits_written_up": [
            {"project": v.award.application.title, "when": v.recorded_at.isoformat()}
            for v in Visit.objects.filter(recorded_by=user).select_related("award__application")
        ],
    }


def grants_dashboard_section() -> dict:
    """For boards: per round, applications sent, grants, pounds awarded and left, and people
    the finished projects helped. Projects are counted, never people's details."""
    from participation.small_numbers import small_count

    rows = []
    helped = dict(
        Visit.objects.filter(status=VisitStatus.DONE)
        .values_list("award__round_id")
        .annotate(n=Sum("people_helped"))
    )
    rounds = _with_figures(Round.objects.all()).annotate(
        finished=_subquery_count(Award, status=AwardStatus.COMPLETED)
    )
    for r in rounds:
        rows.append(
            {
                "round": r.name,
                "applications": small_count(r.sent),
                "grants": small_count(r.grants),
                "awarded": money(r.awarded or 0),
                "left": money(r.budget - (r.awarded or Decimal("0"))),
                "people_helped": helped.get(r.pk) or 0,
                "finished": small_count(r.finished),
            }
        )
    return {"title": "Pay it Forward grants", "rows": rows}
