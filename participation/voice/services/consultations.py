"""Consultations, "we asked": an officer or worker asks an audience some questions between two
dates; before it opens they must say how they will know they listened (the service's own
success measure). After it closes a worker writes what people said, which raises "you said"
items that everyone who answered follows, so they hear what was done. Later the consultation
reports against its success measure.

Why forums' policy items stay policy items: a policy item is an officer's paper put on a
forum's agenda and answered once, together, by the meeting; a consultation collects each
person's own answers. Both end the same way: what was said becomes "you said" items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from participation.access import require
from participation.models import Group, Membership, Organisation, Role, User
from participation.selectors.eligibility import Criteria, eligibility
from participation.services import audit, notify

from ..models import (
    CONSULTATION_FLOW,
    Answer,
    Audience,
    Consultation,
    ConsultationStatus,
    Follow,
    FollowKind,
    Question,
    QuestionKind,
    Source,
    Submission,
    Topic,
    YouSaidItem,
)
from .items import item_raise

STAFF_AND_PARTNERS = (
    Role.WORKER,
    Role.OFFICER,
    Role.PROFESSIONAL,
    Role.BOARD_MEMBER,
    Role.PROVIDER,
)


def criteria_for(consultation: Consultation) -> Criteria:
    """Who the consultation is for, as the one eligibility service reads it."""
    what = "This consultation"
    if consultation.audience == Audience.GROUP:
        return Criteria(
            what=what,
            roles=(),
            group_id=consultation.group_id,
            group_name=consultation.group.name if consultation.group_id else "",
        )
    if consultation.audience == Audience.PARENTS_CARERS:
        return Criteria(
            what=what,
            roles=(Role.PARENT_CARER,),
            role_refusal="This consultation is for parents and carers.",
        )
    if consultation.audience == Audience.STAFF_PARTNERS:
        return Criteria(
            what=what,
            roles=STAFF_AND_PARTNERS,
            role_refusal="This consultation is for staff and partner organisations.",
        )
    return Criteria(
        what=what,
        roles=(Role.YOUNG_PERSON,),
        min_age=consultation.min_age,
        max_age=consultation.max_age,
    )


@transaction.atomic
def consultation_create(
    *,
    created_by: User,
    title: str,
    description: str,
    audience: str,
    opens_at: datetime,
    closes_at: datetime,
    success_measure: str = "",
    group: Group | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
    organisation: Organisation | None = None,
) -> Consultation:
    require(created_by, "voice.manage_consultation")
    if audience not in Audience.values:
        raise ValidationError({"audience": "Choose who you are asking."})
    if audience == Audience.GROUP and group is None:
        raise ValidationError({"group": "Choose the forum or group you are asking."})
    if audience != Audience.GROUP:
        group = None
    if audience != Audience.YOUNG_PEOPLE:
        min_age = max_age = None
    if None not in (min_age, max_age) and sorted((min_age, max_age)) != [min_age, max_age]:
        raise ValidationError({"max_age": "The oldest age can't be below the youngest."})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "It must close after it opens."})
    consultation = Consultation(
        title=title.strip(),
        description=description.strip(),
        audience=audience,
        group=group,
        min_age=min_age,
        max_age=max_age,
        organisation=organisation,
        success_measure=success_measure.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=created_by,
    )
    consultation.full_clean()
    consultation.save()
    audit(actor=created_by, action="voice.consultation.create", target=consultation)
    return consultation


@transaction.atomic
def question_add(
    *, consultation: Consultation, added_by: User, kind: str, text: str, options: str = ""
) -> Question:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(added_by, "voice.manage_consultation", consultation)
    if consultation.status != ConsultationStatus.DRAFT:
        raise ValidationError("Questions can't change once the consultation is open.")
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": "Choose the kind of question."})
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the question."})
    question = Question(consultation=consultation, kind=kind, text=text, options=options.strip())
    if kind == QuestionKind.CHOICE and len(question.option_list) < 2:
        raise ValidationError({"options": "Give at least two answers to choose from, one a line."})
    if kind != QuestionKind.CHOICE:
        question.options = ""
    last = consultation.questions.aggregate(last=Max("position"))["last"] or 0
    question.position = last + 1
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def consultation_open(*, consultation: Consultation, opened_by: User) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(opened_by, "voice.manage_consultation", consultation)
    if not consultation.success_measure.strip():
        raise ValidationError(
            'Before it opens, say "how we will know we listened": what will show that you '
            "acted on what people said."
        )
    if not consultation.questions.exists():
        raise ValidationError("Add at least one question first.")
    if consultation.closes_at <= timezone.now():
        raise ValidationError("Its closing date has passed. Change the dates first.")
    CONSULTATION_FLOW.move(consultation, "open", actor=opened_by)
    if consultation.audience == Audience.GROUP:
        members = User.objects.filter(
            pk__in=Membership.objects.active()
            .filter(group_id=consultation.group_id)
            .values("user_id")
        )
        notify(
            recipients=members,
            kind="voice.consultation_open",
            title=f"We want to know what you think: {consultation.title}",
            body=f"Answer by {date_format(timezone.localtime(consultation.closes_at), 'j F')}.",
            url=reverse("voice:consultation", args=[consultation.pk]),
        )
    return consultation


def _clean_answer(question: Question, value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""  # every question may be left out
    if question.kind == QuestionKind.RATING:
        if value not in {"1", "2", "3", "4", "5"}:
            raise ValidationError({f"q{question.pk}": "Choose a number from 1 to 5."})
    elif question.kind == QuestionKind.CHOICE:
        if value not in question.option_list:
            raise ValidationError({f"q{question.pk}": "Choose one of the answers."})
    elif len(value) > 4000:
        raise ValidationError({f"q{question.pk}": "Please keep it under 4,000 characters."})
    return value


@transaction.atomic
def consultation_answer(
    *, consultation: Consultation, user: User, answers: dict[int, str]
) -> Submission:
    """Answer once, while it is open. The dates are checked here, by the server."""
    consultation = Consultation.objects.select_related("group").get(pk=consultation.pk)
    require(user, "voice.answer_consultation", consultation)
    now = timezone.now()
    if consultation.status != ConsultationStatus.OPEN or now >= consultation.closes_at:
        raise ValidationError("This consultation has closed, so it can't take answers now.")
    if now < consultation.opens_at:
        when = date_format(timezone.localtime(consultation.opens_at), "j F Y")
        raise ValidationError(f"This consultation opens on {when}.")
    fit = eligibility(user, criteria_for(consultation))
    if not fit:
        raise ValidationError(fit.reason)
    questions = list(consultation.questions.all())
    cleaned = {q.pk: _clean_answer(q, answers.get(q.pk, "")) for q in questions}
    if not any(cleaned.values()):
        raise ValidationError("Answer at least one question.")
    if Submission.objects.filter(consultation=consultation, user=user).exists():
        raise ValidationError("You have already answered this consultation. Thank you!")
    try:
        with transaction.atomic():
            submission = Submission.objects.create(consultation=consultation, user=user)
    except IntegrityError:
        raise ValidationError("You have already answered this consultation. Thank you!") from None
    Answer.objects.bulk_create(
        Answer(submission=submission, question_id=pk, value=value)
        for pk, value in cleaned.items()
        if value
    )
    return submission


@transaction.atomic
def consultation_close(*, consultation: Consultation, closed_by: User | None) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if closed_by is not None:
        require(closed_by, "voice.manage_consultation", consultation)
    CONSULTATION_FLOW.move(consultation, "close", actor=closed_by)
    if consultation.created_by_id:
        notify(
            recipients=[User(pk=consultation.created_by_id)],
            kind="voice.consultation_closed",
            title=f"{consultation.title} has closed",
            body="A participation worker will now write what people said.",
            url=reverse("voice:consultation", args=[consultation.pk]),
        )
    return consultation


@dataclass(frozen=True)
class ItemDraft:
    title: str
    topic: str = Topic.OTHER
    organisation: Organisation | None = None


@transaction.atomic
def consultation_summarise(
    *,
    consultation: Consultation,
    summarised_by: User,
    summary: str,
    items: Iterable[ItemDraft],
) -> list[YouSaidItem]:
    """Write "you said" and raise an item for each thing people asked for. Everyone who
    answered follows those items, so they hear what is done."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(summarised_by, "voice.summarise_consultation", consultation)
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": "Write what people told you."})
    drafts = [d for d in items if d.title.strip()]
    if not drafts:
        raise ValidationError({"items": "Write at least one thing people asked for."})
    consultation.summary = summary
    consultation.summarised_at = timezone.now()
    CONSULTATION_FLOW.move(
        consultation, "summarise", actor=summarised_by, extra_fields=["summary", "summarised_at"]
    )
    raised = [
        item_raise(
            raised_by=summarised_by,
            topic=draft.topic,
            title=draft.title,
            text=f"From the consultation {consultation.title}: {draft.title}",
            organisation=draft.organisation or consultation.organisation,
            source=Source.CONSULTATION,
            group=consultation.group,
            source_url=reverse("voice:consultation", args=[consultation.pk]),
            consultation=consultation,
        )
        for draft in drafts
    ]
    answered = list(consultation.submissions.values_list("user_id", flat=True))
    Follow.objects.bulk_create(
        [
            Follow(item=item, user_id=user_id, kind=FollowKind.FOLLOW)
            for item in raised
            for user_id in answered
        ],
        ignore_conflicts=True,
    )
    if answered:
        notify(
            recipients=[User(pk=pk) for pk in answered],
            kind="voice.consultation_summary",
            title=f"You said: what people told us in {consultation.title}",
            body=summary[:500],
            url=reverse("voice:consultation", args=[consultation.pk]),
        )
    return raised


@transaction.atomic
def consultation_report(
    *, consultation: Consultation, reported_by: User, success_report: str
) -> Consultation:
    """How the service did against its own success measure."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    require(reported_by, "voice.manage_consultation", consultation)
    if consultation.status != ConsultationStatus.SUMMARISED:
        raise ValidationError("Write what people said before reporting how you did.")
    success_report = success_report.strip()
    if not success_report:
        raise ValidationError({"success_report": "Say how you did against your measure."})
    consultation.success_report = success_report
    consultation.save(update_fields=["success_report"])
    audit(actor=reported_by, action="voice.consultation.report", target=consultation)
    return consultation


def consultations_close_due(*, now: datetime | None = None) -> int:
    """Periodic: close every open consultation whose closing time has passed."""
    now = now or timezone.now()
    closed = 0
    for pk in Consultation.objects.filter(
        status=ConsultationStatus.OPEN, closes_at__lte=now
    ).values_list("pk", flat=True):
        consultation_close(consultation=Consultation(pk=pk), closed_by=None)
        closed += 1
    return closed


@transaction.atomic
def consultation_closing_reminders_send(*, now: datetime | None = None) -> int:
    """Periodic: the day before a group's consultation closes, remind the members who have not
    answered. Once per consultation (claimed with a conditional UPDATE)."""
    now = now or timezone.now()
    sent = 0
    for consultation in Consultation.objects.filter(
        status=ConsultationStatus.OPEN,
        audience=Audience.GROUP,
        closing_reminder_sent_at__isnull=True,
        closes_at__gt=now,
        closes_at__lte=now + timedelta(days=1),
    ):
        if not Consultation.objects.filter(
            pk=consultation.pk, closing_reminder_sent_at__isnull=True
        ).update(closing_reminder_sent_at=now):
            continue
        waiting = User.objects.filter(
            pk__in=Membership.objects.active()
            .filter(group_id=consultation.group_id)
            .values("user_id")
        ).exclude(consultation_answers__consultation=consultation)
        notify(
            recipients=waiting,
            kind="voice.consultation_closing",
            title=f"Last day to answer: {consultation.title}",
            body="It closes tomorrow. You don't have to answer, but we would like to hear.",
            url=reverse("voice:consultation", args=[consultation.pk]),
        )
        sent += 1
    return sent
