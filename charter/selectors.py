"""Reads of the charters, for pages, the home page and a person's data download. Each page's
reads are a fixed number of queries however many signatories, promises or judgements it shows.

Young inspectors are young people: their names are never shown with their judgements, only
"a young inspector".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from participation.models import (
    Activity,
    AttendanceStatus,
    Group,
    GroupKind,
    LadderRung,
    Organisation,
    Role,
    User,
)
from participation.small_numbers import FEWEST_SHOWN, is_shown, small_count
from participation.voice.selectors import organisation_records

from .models import (
    ACTIVE,
    RATING_CLOSES_AFTER_DAYS,
    REMINDER_DAYS_BEFORE,
    Charter,
    CharterVersion,
    Evidence,
    Judgement,
    Pledge,
    Promise,
    Signatory,
    StaffRatingGiven,
    StaffRatingTally,
    StaffScore,
    Standing,
    Visit,
    VisitFinding,
)
from .permissions import officer_organisation_ids


def _latest_versions():
    return Prefetch(
        "versions",
        queryset=CharterVersion.objects.order_by("-number"),
        to_attr="versions_newest_first",
    )


def charter_list() -> list[Charter]:
    charters = list(
        Charter.objects.prefetch_related(_latest_versions()).annotate(
            members=Count(
                "versions__signatories",
                filter=Q(versions__signatories__standing__in=ACTIVE),
            )
        )
    )
    for charter in charters:
        charter.current = next(iter(charter.versions_newest_first), None)
    return charters


def charter_by_slug(slug: str) -> Charter | None:
    charter = Charter.objects.prefetch_related(_latest_versions()).filter(slug=slug).first()
    if charter is not None:
        charter.current = next(iter(charter.versions_newest_first), None)
    return charter


def current_version(slug: str) -> CharterVersion | None:
    return (
        CharterVersion.objects.select_related("charter")
        .filter(charter__slug=slug)
        .order_by("-number")
        .first()
    )


@dataclass
class CharterPage:
    charter: Charter
    version: CharterVersion | None
    principles: list = field(default_factory=list)
    promises: list = field(default_factory=list)
    signatories: list = field(default_factory=list)


def charter_page(charter: Charter) -> CharterPage:
    """The current version's principles and promises, and everyone who signed any version."""
    version = charter.current
    page = CharterPage(charter=charter, version=version)
    if version is not None:
        page.principles = list(version.principles.all())
        page.promises = list(version.promises.all())
    page.signatories = list(
        Signatory.objects.filter(version__charter=charter)
        .select_related("organisation", "version", "adopted_by_board")
        .order_by("organisation__name", "-version__number")
    )
    return page


def signatory_by_pk(pk: int) -> Signatory | None:
    return (
        Signatory.objects.select_related(
            "organisation", "version__charter", "adopted_by_board", "signed_by"
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class PromiseRow:
    promise: Promise
    pledge: Pledge | None
    evidence: list
    judgements: list
    # What young inspectors saw of this promise on their visits (VisitFinding, with its visit).
    seen: list = field(default_factory=list)

    @property
    def latest_judgement(self) -> Judgement | None:
        return self.judgements[-1] if self.judgements else None


def promise_rows(signatory: Signatory, visits: list[Visit] | None = None) -> list[PromiseRow]:
    """Per promise of the version signed: the pledge, its evidence, the young inspectors'
    judgements and what they saw on `visits` (from `visits_of`), in four queries however many
    there are."""
    seen: dict[int, list] = {}
    for visit in visits or []:
        for finding in visit.found:
            seen.setdefault(finding.promise_id, []).append(finding)
    pledges = {
        p.promise_id: p
        for p in Pledge.objects.filter(signatory=signatory).prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk")),
            Prefetch("judgements", queryset=Judgement.objects.order_by("judged_at", "pk")),
        )
    }
    rows = []
    for promise in Promise.objects.filter(version_id=signatory.version_id).order_by("position"):
        pledge = pledges.get(promise.pk)
        rows.append(
            PromiseRow(
                promise=promise,
                pledge=pledge,
                evidence=list(pledge.evidence.all()) if pledge else [],
                judgements=list(pledge.judgements.all()) if pledge else [],
                seen=seen.get(promise.pk, []),
            )
        )
    return rows


def visits_of(signatory: Signatory) -> list[Visit]:
    """The young inspectors' visits, oldest first, each with `found`: what they saw of each
    promise. One query: a visit always has at least one finding."""
    visits: dict[int, Visit] = {}
    for finding in (
        VisitFinding.objects.filter(visit__signatory=signatory)
        .select_related("visit__activity", "promise")
        .order_by("visit__visited_at", "visit_id", "promise__position")
    ):
        visit = visits.setdefault(finding.visit_id, finding.visit)
        if not hasattr(visit, "found"):
            visit.found = []
        visit.found.append(finding)
    return list(visits.values())


def activities_to_visit(signatory: Signatory) -> list[Activity]:
    """The organisation's activities that have started, newest first, for a visit report."""
    return list(
        Activity.objects.filter(
            organisation_id=signatory.organisation_id, starts_at__lte=timezone.now()
        )
        .only("pk", "title", "starts_at")
        .order_by("-starts_at")[:100]
    )


@dataclass
class LadderRow:
    rung: str
    label: str
    planned: int
    rated: int | str


def ladder_mix(organisation: Organisation) -> dict:
    """Where the organisation's activities sit on the ladder of participation: how many were
    planned at each rung, and how often young people who were there said each rung was
    reached. Ratings are young people's own, so a count under 5 is shown as "fewer than 5"
    and no total is given that one could be worked out from. One query."""
    counts = Activity.objects.filter(organisation=organisation).aggregate(
        activities=Count("pk", distinct=True),
        **{
            f"planned_{rung}": Count("pk", filter=Q(planned_rung=rung), distinct=True)
            for rung in LadderRung.values
        },
        **{
            f"rated_{rung}": Count("rung_ratings", filter=Q(rung_ratings__rung=rung))
            for rung in LadderRung.values
        },
    )
    rows = [
        LadderRow(
            rung=rung.value,
            label=rung.label,
            planned=counts[f"planned_{rung}"],
            rated=small_count(counts[f"rated_{rung}"]),
        )
        for rung in LadderRung
    ]
    return {"activities": counts["activities"], "rows": rows}


def you_said_record(organisation: Organisation):
    """The organisation's "you said, we did" record (participation.voice), or None when no item
    has been sent to it. The share rated good enough only from 5 ratings on."""
    record = next(iter(organisation_records(organisation=organisation)), None)
    if record is not None and not is_shown(record.rated):
        record.good_share = None
    return record


def promises_of(signatory: Signatory) -> list[Promise]:
    return list(Promise.objects.filter(version_id=signatory.version_id).order_by("position"))


def organisation_by_pk(pk: int) -> Organisation | None:
    return Organisation.objects.filter(pk=pk).first()


def memberships_of(organisation: Organisation) -> list[Signatory]:
    return list(
        Signatory.objects.filter(organisation=organisation)
        .select_related("version__charter", "adopted_by_board")
        .order_by("version__charter__title", "-version__number")
    )


def promise_of(signatory: Signatory, promise_pk: int) -> Promise | None:
    return Promise.objects.filter(pk=promise_pk, version_id=signatory.version_id).first()


def pledge_of(signatory: Signatory, promise: Promise) -> Pledge | None:
    return (
        Pledge.objects.select_related("signatory__organisation", "promise")
        .filter(signatory=signatory, promise=promise)
        .first()
    )


def judgement_of(signatory: Signatory, pk: int) -> Judgement | None:
    return (
        Judgement.objects.select_related("pledge__signatory__organisation", "pledge__promise")
        .filter(pk=pk, pledge__signatory=signatory)
        .first()
    )


def evidence_file(pk: int) -> Evidence | None:
    return Evidence.objects.exclude(file="").filter(pk=pk).first()


def organisations_for_officer(user) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=officer_organisation_ids(user)))


def boards():
    return Group.objects.filter(kind=GroupKind.BOARD).order_by("name")


# --- Staff rated against a charter ------------------------------------------------------------


def staff_charter() -> Charter | None:
    return Charter.objects.filter(rates_staff=True).order_by("pk").first()


def staff_charter_principles(charter: Charter) -> list:
    version = charter.versions.order_by("-number").first()
    return list(version.principles.order_by("position")) if version else []


@dataclass
class PrincipleResult:
    principle: object
    answers: int = 0
    always: int = 0
    points: int = 0

    @property
    def always_share(self) -> int:
        return round(100 * self.always / self.answers) if self.answers else 0

    @property
    def average(self) -> float:
        return round(self.points / self.answers, 1) if self.answers else 0.0


@dataclass
class ActivityResult:
    activity: Activity
    responses: int
    principles: list


@dataclass
class StaffRatings:
    principles: list
    activities: list
    overall: list
    fewest_shown: int = FEWEST_SHOWN


def staff_ratings(charter: Charter) -> StaffRatings:
    """How young people rated the staff against each principle, per activity whose ratings have
    closed and that five or more people rated, and over those activities only. An activity with
    fewer is left out everywhere, totals included, so it cannot be worked out by subtracting."""
    principles = staff_charter_principles(charter)
    closed_before = timezone.now() - timedelta(days=RATING_CLOSES_AFTER_DAYS)
    counts = dict(
        StaffRatingGiven.objects.filter(activity__ends_at__lte=closed_before)
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values_list("activity_id", "n")
    )
    shown = {a: n for a, n in counts.items() if is_shown(n)}
    tallies = StaffRatingTally.objects.filter(
        activity_id__in=list(shown), principle__in=principles
    ).values_list("activity_id", "principle_id", "score", "count")
    per_activity: dict[int, dict[int, PrincipleResult]] = {
        a: {p.pk: PrincipleResult(p) for p in principles} for a in shown
    }
    overall = {p.pk: PrincipleResult(p) for p in principles}
    for activity_id, principle_id, score, count in tallies:
        for result in (per_activity[activity_id][principle_id], overall[principle_id]):
            result.answers += count
            result.points += score * count
            if score == StaffScore.ALWAYS:
                result.always += count
    activities = Activity.objects.filter(pk__in=list(shown)).order_by("-starts_at")
    return StaffRatings(
        principles=principles,
        activities=[
            ActivityResult(a, shown[a.pk], list(per_activity[a.pk].values())) for a in activities
        ],
        overall=list(overall.values()) if shown else [],
    )


def activities_to_rate_staff(user, *, limit: int = 20) -> list[Activity]:
    """Activities this young person was at whose staff they can still rate (none when no
    charter rates staff). One query."""
    now = timezone.now()
    rated = StaffRatingGiven.objects.filter(user=user).values("activity_id")
    return list(
        Activity.objects.filter(
            Exists(Charter.objects.filter(rates_staff=True)),
            attendances__user=user,
            attendances__status=AttendanceStatus.PRESENT,
            ends_at__lte=now,
            ends_at__gt=now - timedelta(days=RATING_CLOSES_AFTER_DAYS),
        )
        .exclude(pk__in=rated)
        .only("pk", "title")
        .order_by("-ends_at")[:limit]
    )


def activity_by_pk(pk: int) -> Activity | None:
    return Activity.objects.filter(pk=pk).first()


# --- Registry parts ---------------------------------------------------------------------------


def charter_home_items(user) -> list[dict]:
    """Officers: memberships to renew soon or lapsed. Young people: staff to rate."""
    if not (user and user.is_authenticated):
        return []
    items = []
    organisations = officer_organisation_ids(user)
    if organisations:
        horizon = timezone.localdate() + timedelta(days=REMINDER_DAYS_BEFORE)
        for s in (
            Signatory.objects.filter(organisation_id__in=organisations)
            .filter(Q(renew_by__lte=horizon) | Q(standing="lapsed"))
            .select_related("organisation", "version__charter")
        ):
            items.append(
                {
                    "text": f"Renew {s.organisation.name}'s membership of the "
                    f"{s.version.charter}"
                    + (" (it has lapsed)." if s.standing == "lapsed" else "."),
                    "url": reverse("charter:signatory", args=[s.pk]),
                    "kind": "charter",
                }
            )
    # One query for a young person (the home page's budget is tight): the activities they can
    # still rate the staff of, if any charter rates staff. Young inspectors find evidence to
    # judge from the charter pages (asking whether they are trained costs two more queries).
    if user.has_role(Role.YOUNG_PERSON):
        for activity in activities_to_rate_staff(user, limit=3):
            items.append(
                {
                    "text": f"How did the staff do at {activity.title}? Tell us, without your "
                    "name.",
                    "url": reverse("charter:rate_staff", args=[activity.pk]),
                    "kind": "charter",
                }
            )
    return items


def charter_dashboard_section() -> dict:
    """For boards: how the organisations stand on each charter and, for a charter that rates
    staff, the share of "yes, always" over the sessions that can be shown (5 answers or more,
    answers closed). Organisations are counted, never people."""
    charters = Charter.objects.annotate(
        **{
            s: Count("versions__signatories", filter=Q(versions__signatories__standing=s))
            for s in Standing.values
        }
    ).order_by("title")
    rows = []
    for charter in charters:
        row = {"charter": charter.title}
        row.update({Standing(s).label.lower(): getattr(charter, s) for s in Standing.values})
        if charter.rates_staff:
            overall = staff_ratings(charter).overall
            answers = sum(r.answers for r in overall)
            row["staff_lived_it_always"] = (
                f"{round(100 * sum(r.always for r in overall) / answers)}%"
                if answers
                else "not enough answers yet"
            )
        rows.append(row)
    return {"title": "Charters", "rows": rows}


def charter_export_section(user: User) -> dict:
    """What a person did in the charters, for their data download."""
    return {
        "charters_signed": [
            {
                "organisation": s.organisation.name,
                "charter": str(s.version),
                "when": s.signed_at.isoformat(),
            }
            for s in Signatory.objects.filter(signed_by=user).select_related(
                "organisation", "version__charter"
            )
        ],
        "charter_pledges_written": [
            {"promise": p.promise.text, "pledge": p.text, "when": p.updated_at.isoformat()}
            for p in Pledge.objects.filter(updated_by=user).select_related("promise")
        ],
        "charter_evidence_added": [
            {"text": e.text, "link": e.link, "file": e.file_name, "when": e.added_at.isoformat()}
            for e in Evidence.objects.filter(added_by=user)
        ],
        # Only which activities: what they answered is not stored with their name at all.
        "staff_ratings_given_at": [
            title
            for title in StaffRatingGiven.objects.filter(user=user).values_list(
                "activity__title", flat=True
            )
        ],
        "charter_visits": [
            {
                "organisation": v.signatory.organisation.name,
                "activity": v.activity.title,
                "what_you_saw": v.summary,
                "when": v.visited_at.isoformat(),
            }
            for v in Visit.objects.filter(inspector=user).select_related(
                "signatory__organisation", "activity"
            )
        ],
        "charter_challenges_answered": [
            {"answer": j.answer, "when": j.answered_at.isoformat()}
            for j in Judgement.objects.filter(answered_by=user)
        ],
        "charter_judgements": [
            {
                "organisation": j.pledge.signatory.organisation.name,
                "promise": j.pledge.promise.text,
                "level": j.get_level_display(),
                "what_young_people_say": j.young_people_say,
                "when": j.judged_at.isoformat(),
            }
            for j in Judgement.objects.filter(inspector=user).select_related(
                "pledge__signatory__organisation", "pledge__promise"
            )
        ],
    }
