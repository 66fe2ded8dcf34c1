"""Ways into a forum that need someone else: an application a worker decides, and a nomination
by a professional that only takes effect when the young person says yes."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forums import selectors
from forums.models import (
    Application,
    ApplicationStatus,
    CareStatus,
    CareStatusNeeded,
    Forum,
    JoinRoute,
    Nomination,
    NominationStatus,
)
from participation.models import Role, User
from participation.services import audit, notify

from .eligibility import CARE_STATUS_FOR, forum_eligibility
from .forums import care_status_set
from .members import _already_member_error, _check_eligible, _lock, _tell_workers, membership_start

NOMINATION_REMINDER_AFTER = timedelta(days=7)


@transaction.atomic
def application_submit(*, forum: Forum, applicant: User, why: str) -> Application:
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
    if application.applicant_id != applicant.pk:
        raise ValidationError("You can only take back your own application.")
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError("This application has already been decided.")
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
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
        .select_related("applicant")
        .get(pk=application.pk)
    )
    if not selectors.is_forum_worker(forum=forum, user=decided_by):
        raise ValidationError("Only this forum's workers can decide applications.")
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(
            f"This application is already {application.get_status_display().lower()}."
        )
    applicant = application.applicant
    reason = reason.strip()
    if approve:
        _already_member_error(forum, applicant, about_them=True)
        _check_eligible(forum, applicant, about_them=True)
        membership_start(forum, applicant)
        application.status = ApplicationStatus.APPROVED
        title = f"You're in! Welcome to {forum.name}"
        body = f"Your application to join {forum.name} was approved."
        if reason:
            body += f" {decided_by.first_name or 'Your worker'} says: {reason}"
    else:
        if not reason:
            raise ValidationError(
                {"reason": "Say why, in words the young person will understand. They will read it."}
            )
        application.status = ApplicationStatus.DECLINED
        title = f"About your application to {forum.name}"
        body = f"Your application to join {forum.name} wasn't successful this time. {reason}"
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.full_clean(validate_constraints=False)
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit(
        actor=decided_by,
        action="forums.application.decide",
        target=application,
        approved=approve,
    )
    notify(
        recipients=applicant,
        kind="forums.application_decided",
        title=title,
        body=body,
        url=reverse("forums:mine"),
    )
    return application


def _may_nominate(user: User) -> bool:
    return user.has_role(Role.PROFESSIONAL) or user.has_role(Role.WORKER)


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
    forum = _lock(forum)
    if not _may_nominate(nominated_by):
        raise ValidationError(
            "Only a professional or a participation worker can put someone forward."
        )
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
    needed = CARE_STATUS_FOR.get(forum.care_status_needed)
    if (
        needed is not None
        and confirms_care_status
        and young_person.has_role(Role.YOUNG_PERSON)
        and not CareStatus.objects.filter(user=young_person).exists()
    ):
        care_status_set(person=young_person, status=needed, recorded_by=nominated_by)
    elif needed is not None and not CareStatus.objects.filter(user=young_person).exists():
        who = (
            "in the care of the council"
            if forum.care_status_needed == CareStatusNeeded.IN_CARE
            else ("a care leaver supported by the Transitions Team")
        )
        raise ValidationError({"confirms_care_status": f"Tick the box to confirm {name} is {who}."})
    _check_eligible(forum, young_person, about_them=True)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": f"Say why {name} would get a lot from {forum.name}."})
    nomination = Nomination(
        forum=forum, young_person=young_person, nominated_by=nominated_by, reason=reason
    )
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
    if nomination.young_person_id != young_person.pk:
        raise ValidationError("Only the young person who was put forward can answer.")
    if nomination.status != NominationStatus.PENDING:
        raise ValidationError(
            f"You have already answered: {nomination.get_status_display().lower()}."
        )
    if accept:
        _already_member_error(forum, young_person, about_them=False)
        result = forum_eligibility(forum=forum, person=young_person)
        if not result.ok:
            raise ValidationError(list(result.reasons))
        membership_start(forum, young_person)
        nomination.status = NominationStatus.ACCEPTED
    else:
        nomination.status = NominationStatus.DECLINED
    nomination.responded_at = timezone.now()
    nomination.save(update_fields=["status", "responded_at"])
    audit(actor=young_person, action="forums.nomination.respond", target=nomination, accept=accept)
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
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.nominated_by_id != withdrawn_by.pk and not selectors.is_forum_worker(
        forum=nomination.forum, user=withdrawn_by
    ):
        raise ValidationError(
            "Only the person who put them forward, or a forum worker, can do this."
        )
    if nomination.status != NominationStatus.PENDING:
        raise ValidationError("The young person has already answered.")
    nomination.status = NominationStatus.WITHDRAWN
    nomination.responded_at = timezone.now()
    nomination.save(update_fields=["status", "responded_at"])
    audit(actor=withdrawn_by, action="forums.nomination.withdraw", target=nomination)
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
