"""Ways into a forum that need someone else: an application a worker decides, and a nomination
by a professional that only takes effect when the young person says yes."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forums.models import (
    APPLICATION_FLOW,
    NOMINATION_FLOW,
    Application,
    ApplicationStatus,
    CareStatus,
    CareStatusNeeded,
    Forum,
    JoinRoute,
    Nomination,
    NominationStatus,
)
from participation.access import require
from participation.models import Role, User
from participation.services import audit, notify

from .eligibility import CARE_STATUS_FOR
from .forums import care_status_set
from .members import _already_member_error, _check_eligible, _lock, _tell_workers, membership_start

NOMINATION_REMINDER_AFTER = timedelta(days=7)


@transaction.atomic
def application_submit(*, forum: Forum, applicant: User, why: str) -> Application:
    require(applicant, "forums.join_forum", forum)
    forum = _lock(forum)
    if forum.join_route != JoinRoute.APPLICATION:
        raise ValidationError(f"{forum.name} doesn't take applications. {forum.route_meaning}")
    _already_member_error(forum, applicant, about_them=False)
    if Application.objects.filter(
        forum=forum, applicant=applicant, status=ApplicationStatus.PENDING
    ).exists():
        raise ValidationError(
            f"You have already applied to {forum.name}. A worker will tell you what they decide."
        )
    _check_eligible(forum, applicant, about_them=False)
    why = why.strip()
    if not why:
        raise ValidationError({"why": "Tell us a little about why you want to join."})
    application = Application(forum=forum, applicant=applicant, why=why)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise ValidationError(f"You have already applied to {forum.name}.") from error
    _tell_workers(
        forum,
        kind="forums.application_new",
        title=f"New application to {forum.name}",
        body=f"{applicant.display_name} has applied to join {forum.name}.",
        url=reverse("forums:application", args=[application.pk]),
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, applicant: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require(applicant, "forums.withdraw_application", application)
    application.decided_at = timezone.now()
    APPLICATION_FLOW.move(application, "withdraw", actor=applicant, extra_fields=["decided_at"])
    return application


@transaction.atomic
def application_decide(
    *, application: Application, decided_by: User, approve: bool, reason: str = ""
) -> Application:
    """A forum's worker says yes (the young person becomes a member) or no, with a reason the
    young person will read."""
    forum = _lock(application.forum)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "forum__group")
        .get(pk=application.pk)
    )
    require(decided_by, "forums.decide_requests", application)
    move = "approve" if approve else "decline"
    APPLICATION_FLOW.check(application, move, decided_by)
    applicant = application.applicant
    reason = reason.strip()
    if approve:
        _already_member_error(forum, applicant, about_them=True)
        _check_eligible(forum, applicant, about_them=True)
        membership_start(forum, applicant)
        title = f"You're in! Welcome to {forum.name}"
        body = f"Your application to join {forum.name} was approved."
        if reason:
            body += f" {decided_by.first_name or 'Your worker'} says: {reason}"
    else:
        if not reason:
            raise ValidationError(
                {"reason": "Say why, in words the young person will understand. They will read it."}
            )
        title = f"About your application to {forum.name}"
        body = f"Your application to join {forum.name} wasn't successful this time. {reason}"
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.full_clean(validate_constraints=False)
    APPLICATION_FLOW.move(
        application,
        move,
        actor=decided_by,
        extra_fields=["decided_by", "decided_at", "decision_reason"],
    )
    notify(
        recipients=applicant,
        kind="forums.application_decided",
        title=title,
        body=body,
        url=reverse("forums:mine"),
    )
    return application


@transaction.atomic
def nomination_create(
    *,
    forum: Forum,
    young_person: User,
    nominated_by: User,
    reason: str,
    confirms_care_status: bool = False,
) -> Nomination:
    """A social worker, IRO, foster carer or other professional puts a young person forward.

    For a care forum the professional may confirm the young person's care status, which is then
    recorded privately. Nothing about membership changes until the young person says yes.
    """
    require(nominated_by, "forums.nominate", forum)
    forum = _lock(forum)
    if forum.join_route != JoinRoute.NOMINATION:
        raise ValidationError(
            f"Young people aren't put forward for {forum.name}. {forum.route_meaning}"
        )
    if young_person.pk == nominated_by.pk:
        raise ValidationError("You can't put yourself forward.")
    name = young_person.first_name or "This young person"
    _already_member_error(forum, young_person, about_them=True)
    if Nomination.objects.filter(
        forum=forum, young_person=young_person, status=NominationStatus.PENDING
    ).exists():
        raise ValidationError(
            f"{name} has already been put forward for {forum.name} and hasn't answered yet."
        )
    nomination = Nomination(
        forum=forum, young_person=young_person, nominated_by=nominated_by, reason=reason.strip()
    )
    needed = CARE_STATUS_FOR.get(forum.care_status_needed)
    if (
        needed is not None
        and confirms_care_status
        and young_person.has_role(Role.YOUNG_PERSON)
        and not CareStatus.objects.filter(user=young_person).exists()
    ):
        care_status_set(
            person=young_person, status=needed, recorded_by=nominated_by, nomination=nomination
        )
    elif needed is not None and not CareStatus.objects.filter(user=young_person).exists():
        who = (
            "in the care of the council"
            if forum.care_status_needed == CareStatusNeeded.IN_CARE
            else ("a care leaver supported by the Transitions Team")
        )
        raise ValidationError({"confirms_care_status": f"Tick the box to confirm {name} is {who}."})
    _check_eligible(forum, young_person, about_them=True)
    if not nomination.reason:
        raise ValidationError({"reason": f"Say why {name} would get a lot from {forum.name}."})
    nomination.full_clean(validate_constraints=False)
    nomination.save()
    audit(actor=nominated_by, action="forums.nomination.create", target=nomination)
    notify(
        recipients=young_person,
        kind="forums.nominated",
        title=f"You've been put forward for {forum.name}",
        body=(
            f"{nominated_by.display_name} thinks you would be great in {forum.name}. "
            "It's your choice: say yes or no thank you. Nothing changes until you answer."
        ),
        url=reverse("forums:nomination", args=[nomination.pk]),
    )
    _tell_workers(
        forum,
        kind="forums.nomination_new",
        title=f"{young_person.display_name} was put forward for {forum.name}",
        body=f"{nominated_by.display_name} put {young_person.display_name} forward. "
        "They have been asked if they want to join.",
        url=reverse("forums:requests", args=[forum.slug]),
    )
    return nomination


@transaction.atomic
def nomination_respond(*, nomination: Nomination, young_person: User, accept: bool) -> Nomination:
    """The young person says yes (and becomes a member) or no thank you (and nothing happens)."""
    forum = _lock(nomination.forum)
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("nominated_by")
        .get(pk=nomination.pk)
    )
    require(young_person, "forums.respond_to_nomination", nomination)
    move = "accept" if accept else "decline"
    NOMINATION_FLOW.check(nomination, move, young_person)
    if accept:
        _already_member_error(forum, young_person, about_them=False)
        _check_eligible(forum, young_person, about_them=False)
        membership_start(forum, young_person)
    nomination.responded_at = timezone.now()
    NOMINATION_FLOW.move(nomination, move, actor=young_person, extra_fields=["responded_at"])
    answer = "said yes to joining" if accept else "said no thank you to joining"
    recipients = {nomination.nominated_by, *forum.workers.all()}
    notify(
        recipients=list(recipients),
        kind="forums.nomination_answered",
        title=f"{young_person.display_name} {answer} {forum.name}",
        body=f"{young_person.display_name} {answer} {forum.name}."
        + ("" if accept else " That is their choice to make."),
        url=reverse("forums:detail", args=[forum.slug]),
    )
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, withdrawn_by: User) -> Nomination:
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("forum__group")
        .get(pk=nomination.pk)
    )
    require(withdrawn_by, "forums.withdraw_nomination", nomination)
    nomination.responded_at = timezone.now()
    NOMINATION_FLOW.move(nomination, "withdraw", actor=withdrawn_by, extra_fields=["responded_at"])
    return nomination


def nomination_reminders_send(*, now: datetime | None = None) -> int:
    """One gentle reminder, a week after being put forward, to anyone who hasn't answered.
    Each nomination is claimed with a conditional update, so running twice reminds nobody twice.
    """
    now = now or timezone.now()
    due = Nomination.objects.filter(
        status=NominationStatus.PENDING,
        reminded_at__isnull=True,
        created_at__lte=now - NOMINATION_REMINDER_AFTER,
    ).select_related("forum__group", "young_person")
    sent = 0
    for nomination in due:
        with transaction.atomic():
            claimed = Nomination.objects.filter(
                pk=nomination.pk, status=NominationStatus.PENDING, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            notify(
                recipients=nomination.young_person,
                kind="forums.nomination_reminder",
                title=f"Do you want to join {nomination.forum.name}?",
                body=(
                    f"You were put forward for {nomination.forum.name}. Say yes or no thank you "
                    "whenever you are ready. It's your choice."
                ),
                url=reverse("forums:nomination", args=[nomination.pk]),
            )
            sent += 1
    return sent
