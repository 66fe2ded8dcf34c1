"""The co-designed specification: sections, comments, statements, priorities and versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from participation.access import require
from participation.models import User
from participation.services import audit, notify

from ..models import (
    PRIORITIES_PER_SECTION,
    STATEMENT_FLOW,
    Round,
    SpecComment,
    SpecSection,
    SpecVersion,
    Stage,
    Statement,
    StatementPriority,
    StatementStatus,
)

NOT_CO_DESIGN = "The specification can only change while the service is being designed."


def _in_co_design(round: Round) -> None:
    # Asked of the database, not the object passed in, which may have been read before a move.
    stage = Round.objects.filter(pk=round.pk).values_list("stage", flat=True).first()
    if stage != Stage.CO_DESIGN:
        raise ValidationError(NOT_CO_DESIGN)


@transaction.atomic
def section_save(
    *,
    actor: User,
    round: Round,
    title: str,
    body: str = "",
    section: SpecSection | None = None,
) -> SpecSection:
    """Add a section to the draft, or change one (`section`)."""
    require(actor, "commissioning.manage_round", round)
    _in_co_design(round)
    if section is None:
        locked = Round.objects.select_for_update().get(pk=round.pk)
        last = locked.sections.aggregate(last=Max("position"))["last"] or 0
        section = SpecSection(round=locked, position=last + 1)
    elif section.round_id != round.pk:
        raise ValidationError("This section belongs to another round.")
    section.title = title.strip()
    section.body = body.strip()
    section.updated_by = actor
    section.updated_at = timezone.now()
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def comment_add(*, actor: User, section: SpecSection, text: str) -> SpecComment:
    require(actor, "commissioning.co_design", section.round)
    _in_co_design(section.round)
    text = text.strip()
    if len(text) < 3:
        raise ValidationError({"text": "Write a few words."})
    comment = SpecComment(section=section, author=actor, text=text)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def statement_propose(*, actor: User, section: SpecSection, text: str) -> Statement:
    require(actor, "commissioning.co_design", section.round)
    _in_co_design(section.round)
    text = text.strip()
    if len(text) < 5:
        raise ValidationError({"text": "Say what a good service does, in a few words."})
    if section.statements.filter(text__iexact=text).exists():
        raise ValidationError({"text": "Someone has already suggested this. Choose it instead."})
    statement = Statement(section=section, text=text, proposed_by=actor)
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def statement_prioritise(*, actor: User, statement: Statement, matters: bool = True) -> bool:
    """A young person says a statement is one of the few that matter most to them in its
    section (at most PRIORITIES_PER_SECTION), or takes that back. Returns whether it is now
    one of theirs."""
    require(actor, "commissioning.prioritise", statement.section.round)
    _in_co_design(statement.section.round)
    if statement.status == StatementStatus.DECLINED:
        raise ValidationError("This statement was not taken up, so it can't be chosen.")
    mine = StatementPriority.objects.filter(person=actor, statement__section=statement.section)
    if not matters:
        mine.filter(statement=statement).delete()
        return False
    if mine.filter(statement=statement).exists():
        return True
    # Lock the person's row so two quick clicks can't both pass the limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if mine.count() >= PRIORITIES_PER_SECTION:
        raise ValidationError(
            f"You can choose up to {PRIORITIES_PER_SECTION} statements in each part. Take one "
            "away first."
        )
    StatementPriority.objects.create(statement=statement, person=actor)
    return True


@transaction.atomic
def statement_decide(
    *, actor: User, statement: Statement, accept: bool, reason: str = ""
) -> Statement:
    """A worker accepts a statement into the next version, or says why it was not taken up
    (the young person who suggested it is told either way)."""
    round = statement.section.round
    require(actor, "commissioning.manage_round", round)
    _in_co_design(round)
    reason = reason.strip()
    if not accept and len(reason) < 10:
        raise ValidationError({"reason": "Say why it was not taken up, so they know."})
    statement.decided_by = actor
    statement.decided_at = timezone.now()
    statement.reason = reason
    STATEMENT_FLOW.move(
        statement,
        "accept" if accept else "decline",
        actor=actor,
        extra_fields=["decided_by", "decided_at", "reason"],
        reason=reason,
    )
    if statement.proposed_by_id and statement.proposed_by_id != actor.pk:
        notify(
            recipients=statement.proposed_by,
            kind="commissioning.statement_decided",
            title=(
                f"Your idea will be in the {round.service_title} specification"
                if accept
                else f"Your idea for the {round.service_title} was not taken up"
            ),
            body=statement.text if accept else f"{statement.text}. Why: {reason}",
            url=reverse("commissioning:spec_draft", args=[round.slug]),
        )
    return statement


def _snapshot(round: Round) -> list[dict]:
    sections = list(round.sections.order_by("position"))
    accepted = (
        Statement.objects.filter(section__round=round, status=StatementStatus.ACCEPTED)
        .annotate(votes=Count("priorities"))
        .order_by("section_id", "-votes", "created_at", "pk")
    )
    by_section: dict[int, list[dict]] = {}
    for s in accepted:
        by_section.setdefault(s.section_id, []).append({"text": s.text, "priority": s.votes})
    return [
        {"title": s.title, "body": s.body, "statements": by_section.get(s.pk, [])} for s in sections
    ]


@transaction.atomic
def spec_publish(*, actor: User, round: Round, what_changed: str = "") -> SpecVersion:
    """Freeze the draft's sections and accepted statements as the next version. Earlier
    versions are never changed."""
    require(actor, "commissioning.manage_round", round)
    _in_co_design(round)
    locked = Round.objects.select_for_update().get(pk=round.pk)
    content = _snapshot(locked)
    if not content:
        raise ValidationError("Write at least one section before publishing.")
    last = locked.versions.order_by("-number").first()
    if last is not None and last.content == content:
        raise ValidationError(f"Nothing has changed since version {last.number}.")
    if last is not None and not what_changed.strip():
        raise ValidationError({"what_changed": "Say what changed since the last version."})
    version = SpecVersion.objects.create(
        round=locked,
        number=(last.number + 1) if last else 1,
        content=content,
        what_changed=what_changed.strip(),
        published_by=actor,
    )
    audit(actor=actor, action="commissioning.spec_publish", target=locked, version=version.number)
    # Everyone who helped write it hears that it is out.
    helpers = set(
        Statement.objects.filter(section__round=locked).values_list("proposed_by_id", flat=True)
    ) | set(SpecComment.objects.filter(section__round=locked).values_list("author_id", flat=True))
    helpers.discard(None)
    helpers.discard(actor.pk)
    if helpers:
        notify(
            recipients=User.objects.filter(Q(pk__in=helpers)),
            kind="commissioning.spec_published",
            title=f"Version {version.number} of the {locked.service_title} specification is out",
            body="See what changed, side by side with the last version.",
            url=reverse("commissioning:spec_versions", args=[locked.slug]),
        )
    return version
