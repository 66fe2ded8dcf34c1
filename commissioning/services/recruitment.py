"""Recruitment panels: young people score candidates for a staff role on the same engine (an
activity task, a 5-minute presentation and their own questions), shortlist for the adult
panel, and the candidates' personal details are erased once the recruitment no longer needs
them."""

from __future__ import annotations

import string
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from participation.access import require
from participation.models import Activity, Organisation, Unlock, User
from participation.scoring import services as scoring
from participation.scoring.models import Panel
from participation.scoring.selectors import progress
from participation.services import audit

from ..models import (
    CANDIDATE_KEEP_DAYS,
    RECRUITMENT_FLOW,
    Candidate,
    Recruitment,
    RecruitmentQuestion,
    RecruitmentStatus,
)
from .rounds import DEFAULT_GUIDANCE, SCALE_MAX, SCALE_MIN

PARTS = [
    (
        "The activity task",
        "How creative they were, and how they worked with young people in the task.",
    ),
    ("The 5-minute presentation", "Was it clear, interesting and right for young people?"),
    (
        "Answers to our questions",
        "Did they really answer? Would young people trust them and want to work with them?",
    ),
]


@transaction.atomic
def recruitment_create(
    *,
    actor: User,
    title: str,
    organisation: Organisation | None = None,
    summary: str = "",
    activity: Activity | None = None,
    deadline=None,
    task_weight: int = 30,
    presentation_weight: int = 30,
    questions_weight: int = 40,
) -> Recruitment:
    require(actor, "commissioning.manage_recruitment")
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Say which job this is for."})
    weights = (task_weight, presentation_weight, questions_weight)
    if sum(weights) != 100:
        raise ValidationError(
            {
                "task_weight": f"The three weights add up to {sum(weights)}%. They must add "
                "up to 100%."
            }
        )
    rubric = scoring.rubric_create(
        actor=actor,
        name=f"Interview panel: {title}",
        scale_min=SCALE_MIN,
        scale_max=SCALE_MAX,
        allow_na=True,
        designed_by="The young people's interview panel",
        criteria=[
            {"title": t, "question": q, "weight": w, "guidance": DEFAULT_GUIDANCE}
            for (t, q), w in zip(PARTS, weights, strict=True)
            if w
        ],
    )
    panel = scoring.panel_create(
        actor=actor,
        name=f"Young people's interview panel: {title}",
        rubric=rubric,
        unlock=Unlock.RECRUITMENT_PANEL,
        blind=True,
        deadline=deadline,
    )
    recruitment = Recruitment.objects.create(
        title=title,
        organisation=organisation,
        summary=summary.strip(),
        activity=activity,
        rubric=rubric,
        panel=panel,
        created_by=actor,
    )
    audit(actor=actor, action="commissioning.recruitment_create", target=recruitment)
    return recruitment


def _label(n: int) -> str:
    letters = string.ascii_uppercase
    return f"Candidate {letters[n % 26]}" + (str(n // 26) if n >= 26 else "")


@transaction.atomic
def candidate_add(
    *,
    actor: User,
    recruitment: Recruitment,
    name: str,
    email: str = "",
    phone: str = "",
    notes: str = "",
) -> Candidate:
    """A candidate, shown to the young people's panel only as "Candidate A"."""
    require(actor, "commissioning.manage_recruitment", recruitment)
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    if recruitment.status != RecruitmentStatus.PLANNING:
        raise ValidationError("Candidates are added before the panel starts.")
    if not name.strip():
        raise ValidationError({"name": "Write the candidate's name."})
    candidate = Candidate(
        recruitment=recruitment,
        label=_label(recruitment.candidates.count()),
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        notes=notes.strip(),
    )
    candidate.full_clean()
    candidate.save()
    scoring.item_add(panel=recruitment.panel, ref=candidate.ref, label=candidate.label)
    return candidate


@transaction.atomic
def recruitment_question_add(
    *, actor: User, recruitment: Recruitment, text: str
) -> RecruitmentQuestion:
    """A question a young person on the panel will ask every candidate."""
    require(actor, "commissioning.ask_candidates", recruitment)
    if recruitment.status not in (RecruitmentStatus.PLANNING, RecruitmentStatus.INTERVIEWING):
        raise ValidationError("The interviews are over, so questions can't be added now.")
    text = text.strip()
    if len(text) < 5:
        raise ValidationError({"text": "Write your question."})
    return RecruitmentQuestion.objects.create(recruitment=recruitment, text=text, asked_by=actor)


@transaction.atomic
def recruitment_start(*, actor: User, recruitment: Recruitment) -> Recruitment:
    require(actor, "commissioning.manage_recruitment", recruitment)
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    if not recruitment.candidates.exists():
        raise ValidationError("Add the candidates before the panel starts.")
    if not recruitment.panel.panellists.exists():
        raise ValidationError("Add the young people on the panel before it starts.")
    RECRUITMENT_FLOW.move(recruitment, "start_panel", actor=actor)
    return recruitment


@transaction.atomic
def recruitment_shortlist(
    *, actor: User, recruitment: Recruitment, candidates: list[Candidate], reasons: str
) -> Recruitment:
    """The young people's shortlist for the adult panel, from their recorded ranking."""
    require(actor, "commissioning.manage_recruitment", recruitment)
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    RECRUITMENT_FLOW.check(recruitment, "shortlist", actor)
    reasons = reasons.strip()
    if len(reasons) < 20:
        raise ValidationError({"reasons": "Write down why the panel chose them."})
    if not candidates:
        raise ValidationError({"candidates": "Choose at least one candidate."})
    if any(c.recruitment_id != recruitment.pk for c in candidates):
        raise ValidationError({"candidates": "Choose from this recruitment's candidates."})
    panel = Panel.objects.get(pk=recruitment.panel_id)
    if any(row.missing for row in progress(panel)) and panel.is_open:
        raise ValidationError(
            "Some of the panel have not sent their scores yet. Wait for them, or close the "
            "panel first."
        )
    if panel.is_open:
        scoring.panel_close(actor=actor, panel=panel)
    ranking = scoring.ranking_record(actor=actor, panel=panel)
    chosen = [c.pk for c in candidates]
    recruitment.candidates.update(shortlisted=False)
    recruitment.candidates.filter(pk__in=chosen).update(shortlisted=True)
    recruitment.shortlist_reasons = reasons
    RECRUITMENT_FLOW.move(
        recruitment,
        "shortlist",
        actor=actor,
        extra_fields=["shortlist_reasons"],
        candidates=chosen,
        ranking=ranking.pk,
    )
    return recruitment


@transaction.atomic
def recruitment_close(*, actor: User, recruitment: Recruitment) -> Recruitment:
    """The adult panel has decided. The candidates' details are kept CANDIDATE_KEEP_DAYS more,
    to answer a question or a complaint, then erased."""
    require(actor, "commissioning.manage_recruitment", recruitment)
    recruitment = Recruitment.objects.select_for_update().get(pk=recruitment.pk)
    now = timezone.now()
    recruitment.closed_at = now
    recruitment.erase_after = now + timedelta(days=CANDIDATE_KEEP_DAYS)
    RECRUITMENT_FLOW.move(
        recruitment, "close", actor=actor, extra_fields=["closed_at", "erase_after"]
    )
    return recruitment


def candidates_erase_due(*, now=None) -> int:
    """Erase the names and contact details of candidates of every recruitment past its
    `erase_after`. Their scores stay, under "Candidate A", so the panel's record still adds up.
    Safe to run any number of times."""
    now = now or timezone.now()
    erased = 0
    due = Recruitment.objects.filter(
        erase_after__lte=now, candidates_erased_at__isnull=True
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            recruitment = (
                Recruitment.objects.select_for_update()
                .filter(pk=pk, candidates_erased_at__isnull=True)
                .first()
            )
            if recruitment is None:
                continue
            for candidate in recruitment.candidates.filter(erased_at__isnull=True):
                candidate.name = candidate.label
                candidate.email = ""
                candidate.phone = ""
                candidate.notes = ""
                candidate.erased_at = now
                candidate.save(update_fields=["name", "email", "phone", "notes", "erased_at"])
                erased += 1
            recruitment.candidates_erased_at = now
            recruitment.save(update_fields=["candidates_erased_at"])
            audit(actor=None, action="commissioning.candidates_erase", target=recruitment)
    return erased
