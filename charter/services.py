"""Every write of the charters: versions, principles and promises; signing; pledges and evidence;
young inspectors' judgements; renewal, and the yearly reminder and lapse.

Each service asks the permission layer first, validates, and runs in one transaction. The
standing of a signatory changes only through `SIGNATORY_FLOW`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from participation.access import require
from participation.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Group,
    GroupKind,
    Organisation,
    Role,
    User,
)
from participation.services import audit, notify
from participation.voice.models import ParticipationLead

from .models import (
    ACTIVE,
    ESCALATE_DAYS_AFTER_REMINDER,
    REMINDER_DAYS_BEFORE,
    SIGNATORY_FLOW,
    Charter,
    CharterVersion,
    Evidence,
    Judgement,
    Level,
    Pledge,
    Principle,
    Promise,
    Signatory,
    StaffRatingGiven,
    StaffRatingTally,
    StaffScore,
    Visit,
    VisitFinding,
    rating_closes_at,
)
from .uploads import check_upload

__all__ = [
    "challenge_answer",
    "charter_create",
    "charter_sign",
    "evidence_add",
    "evidence_judge",
    "memberships_lapse_due",
    "pledge_save",
    "principle_add",
    "promise_add",
    "renewal_reminders_send",
    "renewals_escalate",
    "signatory_renew",
    "staff_rating_give",
    "version_create",
    "visit_record",
]


def _long(day: date) -> str:
    return date_format(day, "j F Y")


def _officers_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.OFFICER,
            role_assignments__organisation=organisation,
        ).distinct()
    )


def _signatory_url(signatory: Signatory) -> str:
    return reverse("charter:signatory", args=[signatory.pk])


# --- Charters ---------------------------------------------------------------------------------


@transaction.atomic
def charter_create(
    *,
    created_by: User,
    title: str,
    summary: str,
    summary_for_children: str = "",
    written_by: str = "",
    rates_staff: bool = False,
) -> Charter:
    """A new charter, with its first (empty) version for principles and promises."""
    require(created_by, "charter.manage_charters")
    charter = Charter(
        title=title.strip(),
        slug=slugify(title)[:200],
        summary=summary.strip(),
        summary_for_children=summary_for_children.strip(),
        written_by=written_by.strip(),
        rates_staff=rates_staff,
    )
    charter.full_clean()
    charter.save()
    CharterVersion.objects.create(charter=charter, number=1)
    audit(actor=created_by, action="charter.create", target=charter)
    return charter


@transaction.atomic
def version_create(*, charter: Charter, created_by: User, what_changed: str) -> CharterVersion:
    """The next version, starting as a copy of the latest one's principles and promises.
    Organisations that signed an earlier version keep what they signed."""
    require(created_by, "charter.manage_charters", charter)
    if not what_changed.strip():
        raise ValidationError({"what_changed": "Say what is different in the new version."})
    latest = (
        CharterVersion.objects.select_for_update().filter(charter=charter).order_by("-number")
    ).first()
    version = CharterVersion.objects.create(
        charter=charter, number=(latest.number + 1) if latest else 1, what_changed=what_changed
    )
    if latest is not None:
        Principle.objects.bulk_create(
            Principle(
                version=version,
                position=p.position,
                name=p.name,
                text=p.text,
                text_for_children=p.text_for_children,
            )
            for p in latest.principles.all()
        )
        Promise.objects.bulk_create(
            Promise(
                version=version,
                position=p.position,
                text=p.text,
                text_for_children=p.text_for_children,
            )
            for p in latest.promises.all()
        )
    audit(actor=created_by, action="charter.version_create", target=version)
    return version


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def _refuse_if_signed(version: CharterVersion) -> None:
    if version.signatories.exists():
        raise ValidationError(
            "Organisations have already signed this version, so it can't change. Make a new "
            "version instead."
        )


@transaction.atomic
def principle_add(
    *,
    version: CharterVersion,
    added_by: User,
    name: str,
    text: str = "",
    text_for_children: str = "",
) -> Principle:
    require(added_by, "charter.manage_charters", version)
    CharterVersion.objects.select_for_update().filter(pk=version.pk).first()
    _refuse_if_signed(version)
    principle = Principle(
        version=version,
        position=_next_position(version.principles),
        name=name.strip(),
        text=text.strip(),
        text_for_children=text_for_children.strip(),
    )
    principle.full_clean()
    principle.save()
    audit(actor=added_by, action="charter.principle_add", target=principle)
    return principle


@transaction.atomic
def promise_add(
    *, version: CharterVersion, added_by: User, text: str, text_for_children: str = ""
) -> Promise:
    require(added_by, "charter.manage_charters", version)
    CharterVersion.objects.select_for_update().filter(pk=version.pk).first()
    _refuse_if_signed(version)
    promise = Promise(
        version=version,
        position=_next_position(version.promises),
        text=text.strip(),
        text_for_children=text_for_children.strip(),
    )
    promise.full_clean()
    promise.save()
    audit(actor=added_by, action="charter.promise_add", target=promise)
    return promise


# --- Signing ----------------------------------------------------------------------------------


@transaction.atomic
def charter_sign(
    *,
    version: CharterVersion,
    organisation: Organisation,
    signed_by: User,
    board: Group | None = None,
    adopted_on: date | None = None,
) -> Signatory:
    """An officer signs a version of a charter for their organisation. Membership lasts a year,
    unless renewed."""
    require(signed_by, "charter.sign_charter", organisation)
    if board is not None and board.kind != GroupKind.BOARD:
        raise ValidationError({"board": "Choose a board from the list."})
    today = timezone.localdate()
    if adopted_on is not None and adopted_on > today:
        raise ValidationError({"adopted_on": "The date the board agreed can't be in the future."})
    if not version.promises.exists():
        raise ValidationError("This version has no promises yet, so it can't be signed.")
    if Signatory.objects.filter(organisation=organisation, version=version).exists():
        raise ValidationError(f"{organisation.name} has already signed this version.")
    try:
        with transaction.atomic():
            signatory = Signatory.objects.create(
                organisation=organisation,
                version=version,
                signed_by=signed_by,
                adopted_by_board=board,
                adopted_on=adopted_on,
                renew_by=Signatory.year_from(today),
            )
    except IntegrityError:
        raise ValidationError(f"{organisation.name} has already signed this version.") from None
    audit(actor=signed_by, action="charter.sign", target=signatory)
    return signatory


@transaction.atomic
def signatory_renew(*, signatory: Signatory, renewed_by: User) -> Signatory:
    """Another year of membership from today; the reminder can come again before it ends."""
    require(renewed_by, "charter.renew", signatory)
    signatory = Signatory.objects.select_for_update().get(pk=signatory.pk)
    signatory.renew_by = Signatory.year_from(timezone.localdate())
    signatory.renewed_at = timezone.now()
    signatory.reminder_sent_at = None
    signatory.escalated_at = None
    SIGNATORY_FLOW.move(
        signatory,
        "renew",
        actor=renewed_by,
        extra_fields=["renew_by", "renewed_at", "reminder_sent_at", "escalated_at"],
    )
    return signatory


# --- Pledges and evidence ---------------------------------------------------------------------


def _check_promise(signatory: Signatory, promise: Promise) -> None:
    if promise.version_id != signatory.version_id:
        raise ValidationError("This promise is not in the version this organisation signed.")


@transaction.atomic
def pledge_save(
    *, signatory: Signatory, promise: Promise, updated_by: User, text: str, own_level: str = ""
) -> Pledge:
    """What the organisation does to keep a promise, and how well it thinks it does."""
    require(updated_by, "charter.edit_pledges", signatory)
    _check_promise(signatory, promise)
    if not text.strip():
        raise ValidationError({"text": "Say what your organisation does to keep this promise."})
    if own_level and own_level not in Level.values:
        raise ValidationError({"own_level": "Choose emerging, established or advanced."})
    pledge, _ = Pledge.objects.update_or_create(
        signatory=signatory,
        promise=promise,
        defaults={
            "text": text.strip(),
            "own_level": own_level,
            "updated_by": updated_by,
            "updated_at": timezone.now(),
        },
    )
    audit(actor=updated_by, action="charter.pledge_save", target=pledge)
    return pledge


@transaction.atomic
def evidence_add(
    *, pledge: Pledge, added_by: User, text: str = "", link: str = "", upload=None
) -> Evidence:
    """Evidence for a pledge: words, a link or a file (checked by what is in it)."""
    require(added_by, "charter.edit_pledges", pledge)
    if not (text.strip() or link.strip() or upload):
        raise ValidationError("Write something, add a link or choose a file.")
    try:
        kind = check_upload(upload) if upload else ""
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    evidence = Evidence(
        pledge=pledge, text=text.strip(), link=link.strip(), file_kind=kind, added_by=added_by
    )
    if upload:
        evidence.file.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
    evidence.full_clean()
    evidence.save()
    audit(actor=added_by, action="charter.evidence_add", target=evidence)
    return evidence


# --- Young inspectors -------------------------------------------------------------------------


@transaction.atomic
def evidence_judge(
    *, pledge: Pledge, inspector: User, level: str, young_people_say: str
) -> Judgement:
    """A young inspector's level for one pledge and what young people say about it. Once every
    promise has been judged, the organisation's standing becomes "evidence reviewed"."""
    require(inspector, "charter.judge_evidence", pledge)
    if level not in Level.values:
        raise ValidationError({"level": "Choose emerging, established or advanced."})
    if not young_people_say.strip():
        raise ValidationError({"young_people_say": "Write what young people say about this."})
    if not pledge.evidence.exists():
        raise ValidationError("There is no evidence for this promise to judge yet.")
    judgement = Judgement.objects.create(
        pledge=pledge,
        inspector=inspector,
        level=level,
        young_people_say=young_people_say.strip(),
        challenged=bool(pledge.own_level) and level != pledge.own_level,
    )
    audit(actor=inspector, action="charter.judge", target=judgement, level=level)
    signatory = Signatory.objects.select_for_update().get(pk=pledge.signatory_id)
    judged = Judgement.objects.filter(pledge__signatory=signatory).values("pledge__promise_id")
    unjudged = (
        Promise.objects.filter(version_id=signatory.version_id).exclude(pk__in=judged).exists()
    )
    if judgement.challenged:
        notify(
            recipients=_officers_of(signatory.organisation),
            kind="charter.challenged",
            title="Young inspectors challenged one of your levels",
            body=f'For the promise "{pledge.promise.text}". Please answer them.',
            url=_signatory_url(signatory),
        )
    if not unjudged and SIGNATORY_FLOW.is_possible(signatory, "review"):
        SIGNATORY_FLOW.move(signatory, "review", actor=inspector)
        notify(
            recipients=_officers_of(signatory.organisation),
            kind="charter.reviewed",
            title=f"Young inspectors have judged all your evidence for {signatory.version}",
            body="See what they said on your charter page.",
            url=_signatory_url(signatory),
        )
    return judgement


@transaction.atomic
def challenge_answer(*, judgement: Judgement, answered_by: User, answer: str) -> Judgement:
    """The organisation's answer to young inspectors who challenged its level: once, in public,
    beside the challenge."""
    require(answered_by, "charter.answer_challenge", judgement)
    judgement = Judgement.objects.select_for_update().get(pk=judgement.pk)
    if not judgement.challenged:
        raise ValidationError(
            "The young inspectors agreed with you here, so there is nothing to answer."
        )
    if judgement.answered_at is not None:
        raise ValidationError("This challenge has already been answered.")
    if not answer.strip():
        raise ValidationError({"answer": "Write your answer to the young inspectors."})
    judgement.answer = answer.strip()
    judgement.answered_by = answered_by
    judgement.answered_at = timezone.now()
    judgement.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(actor=answered_by, action="charter.challenge_answer", target=judgement)
    return judgement


@transaction.atomic
def visit_record(
    *,
    signatory: Signatory,
    activity: Activity,
    inspector: User,
    summary: str,
    findings: dict[int, str],
) -> Visit:
    """A young inspector's report of a visit to one of the organisation's activities: what
    they saw, and what they saw of each promise (promises they saw nothing of are left out).
    It is published with the organisation's evidence."""
    require(inspector, "charter.visit_service", signatory)
    organisation = signatory.organisation
    if activity.organisation_id != organisation.pk:
        raise ValidationError({"activity": f"Choose one of {organisation.name}'s activities."})
    if activity.starts_at > timezone.now():
        raise ValidationError(
            {"activity": "You can write about a visit once the activity has started."}
        )
    if not summary.strip():
        raise ValidationError({"summary": "Write what you saw on your visit."})
    promises = {
        p.pk: p for p in Promise.objects.filter(version_id=signatory.version_id, pk__in=findings)
    }
    if set(findings) - set(promises):
        raise ValidationError("One of those promises is not in the charter they signed.")
    saw = {pk: text.strip() for pk, text in findings.items() if text and text.strip()}
    if not saw:
        raise ValidationError("Say what you saw about at least one of the promises.")
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                signatory=signatory, activity=activity, inspector=inspector, summary=summary.strip()
            )
    except IntegrityError:
        raise ValidationError(
            "You have already written about your visit to this activity."
        ) from None
    VisitFinding.objects.bulk_create(
        VisitFinding(visit=visit, promise=promises[pk], saw=text) for pk, text in saw.items()
    )
    audit(actor=inspector, action="charter.visit_record", target=visit)
    notify(
        recipients=_officers_of(organisation),
        kind="charter.visited",
        title=f"Young inspectors wrote about their visit to {activity.title}",
        body="It is on your charter page now, with your evidence.",
        url=_signatory_url(signatory),
    )
    return visit


# --- The yearly cycle (periodic, no person acts) ----------------------------------------------


@transaction.atomic
def renewal_reminders_send(*, today: date | None = None) -> int:
    """Remind the officers of each membership ending within the month, once per year of
    membership (claimed with a conditional UPDATE, so two runs at once still remind once)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=REMINDER_DAYS_BEFORE)
    sent = 0
    due = Signatory.objects.filter(
        standing__in=ACTIVE, reminder_sent_at__isnull=True, renew_by__lte=horizon
    ).select_related("organisation", "version__charter")
    for signatory in due:
        if not Signatory.objects.filter(pk=signatory.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        ):
            continue
        notify(
            recipients=_officers_of(signatory.organisation),
            kind="charter.renewal_reminder",
            title=f"Renew the {signatory.version.charter} by {_long(signatory.renew_by)}",
            body="If you don't renew, your organisation's membership will lapse, and everyone "
            "will see that.",
            url=_signatory_url(signatory),
        )
        sent += 1
    return sent


def _participation_leads() -> list[User]:
    return [
        User(pk=pk)
        for pk in ParticipationLead.objects.filter(user__is_active=True).values_list(
            "user_id", flat=True
        )
    ]


def _workers() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.WORKER, is_active=True).distinct())


@transaction.atomic
def renewals_escalate(*, today: date | None = None) -> int:
    """Tell the participation leads (every worker while none is named) about memberships whose
    reminder has gone unanswered for two weeks: once per year of membership, and one note per
    lead however many there are. Claimed with a conditional UPDATE, so two runs tell once."""
    today = today or timezone.localdate()
    due = (
        Signatory.objects.filter(
            standing__in=ACTIVE,
            escalated_at__isnull=True,
            reminder_sent_at__date__lte=today - timedelta(days=ESCALATE_DAYS_AFTER_REMINDER),
        )
        .select_related("organisation", "version__charter")
        .order_by("renew_by", "pk")
    )
    claimed = []
    for signatory in due:
        if Signatory.objects.filter(pk=signatory.pk, escalated_at__isnull=True).update(
            escalated_at=timezone.now()
        ):
            claimed.append(signatory)
            audit(actor=None, action="charter.signatory.escalate", target=signatory)
    if not claimed:
        return 0
    leads = _participation_leads() or _workers()
    if len(claimed) == 1:
        s = claimed[0]
        title = f"{s.organisation.name} has not renewed the {s.version.charter} yet"
        url = _signatory_url(s)
    else:
        title = f"{len(claimed)} organisations have not renewed their charter membership yet"
        url = reverse("charter:list")
    notify(
        recipients=leads,
        kind="charter.renewal_escalation",
        title=title,
        body="\n".join(
            f"{s.organisation.name}: the {s.version.charter} lapses after {_long(s.renew_by)}"
            for s in claimed
        ),
        url=url,
    )
    return len(claimed)


@transaction.atomic
def memberships_lapse_due(*, today: date | None = None) -> int:
    """Lapse every membership not renewed by its date. A lapsed one cannot lapse again, and the
    rows are locked, so two runs at once lapse each once."""
    today = today or timezone.localdate()
    lapsed = 0
    due = (
        Signatory.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("organisation", "version__charter")
        .filter(standing__in=ACTIVE, renew_by__lt=today)
        .order_by("pk")
    )
    for signatory in due:
        signatory.lapsed_at = timezone.now()
        SIGNATORY_FLOW.move(signatory, "lapse", actor=None, extra_fields=["lapsed_at"])
        notify(
            recipients=_officers_of(signatory.organisation),
            kind="charter.lapsed",
            title=f"Your membership of the {signatory.version.charter} has lapsed",
            body="Renew it to show young people you still keep its promises.",
            url=_signatory_url(signatory),
        )
        lapsed += 1
    return lapsed


# --- Staff rated against the Kent Youth Charter -----------------------------------------------


@transaction.atomic
def staff_rating_give(
    *, activity: Activity, user: User, charter: Charter, scores: dict[int, int]
) -> int:
    """A young person who was at an activity says how the staff there lived each principle.
    Only counters change (see the models' note on staff ratings); returns how many principles
    were rated."""
    require(user, "charter.rate_staff", activity)
    if not charter.rates_staff:
        raise ValidationError("This charter is not for rating staff.")
    now = timezone.now()
    if activity.ends_at > now:
        raise ValidationError("You can say how the staff did once the activity has finished.")
    if now >= rating_closes_at(activity):
        raise ValidationError("It is too late to rate the staff at this activity.")
    if not Attendance.objects.filter(
        activity=activity, user=user, status=AttendanceStatus.PRESENT
    ).exists():
        raise ValidationError("You can say how the staff did if you were there.")
    version = charter.versions.order_by("-number").first()
    principles = list(version.principles.order_by("position")) if version else []
    if not principles:
        raise ValidationError("This charter has no principles to rate yet.")
    missing = [p for p in principles if scores.get(p.pk) not in StaffScore.values]
    if missing:
        raise ValidationError({f"p_{p.pk}": "Choose an answer." for p in missing})
    try:
        with transaction.atomic():
            StaffRatingGiven.objects.create(activity=activity, user=user)
    except IntegrityError:
        raise ValidationError("You have already said how the staff did at this activity.") from None
    # Every counter of this activity exists before any is added to, made in one fixed order.
    StaffRatingTally.objects.bulk_create(
        [
            StaffRatingTally(activity=activity, principle=p, score=score)
            for p in principles
            for score in StaffScore.values
        ],
        ignore_conflicts=True,
    )
    for p in principles:
        StaffRatingTally.objects.filter(activity=activity, principle=p, score=scores[p.pk]).update(
            count=F("count") + 1
        )
    return len(principles)
