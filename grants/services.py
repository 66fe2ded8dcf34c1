"""Every write of Pay it Forward: rounds and reviewers; applications (a draft saved as the young
person goes, then sent); consent; the panel's decisions within the budget; payment and
receipts; follow-up visits; the showcase; and the periodic reminders.

Each service asks the permission layer first, validates, and runs in one transaction. Statuses
change only through the workflows in models.py. Peer review itself is the scoring engine's
(participation/scoring/services.py): the review pages call it directly, and this module only
adds each sent application to the round's panel and reads the results when the panel decides.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from participation.access import require
from participation.models import (
    ActivityKind,
    Group,
    GroupKind,
    LadderRung,
    Role,
    Unlock,
    User,
)
from participation.scoring import services as scoring
from participation.scoring.models import Item, Rubric, Sheet, SheetStatus
from participation.services import activity_create, audit, notify
from participation.uploads import check_upload

from . import selectors
from .models import (
    APPLICATION_FLOW,
    AWARD_FLOW,
    BUDGET_LINES,
    CONSENT_UNDER_AGE,
    MIN_REVIEWS,
    REVIEW_REMINDER_DAYS_BEFORE,
    SHOWCASE_FLOW,
    VISIT_DUE_DAYS_AFTER_PAYMENT,
    VISIT_FLOW,
    Application,
    Award,
    AwardStatus,
    BudgetLine,
    Helps,
    PaymentMethod,
    Receipt,
    Round,
    ShowcaseEntry,
    Visit,
    VisitPhoto,
    VisitStatus,
    Wellbeing,
    money,
)

__all__ = [
    "application_decide",
    "application_save",
    "application_start",
    "application_submit",
    "application_withdraw",
    "consent_confirm",
    "payment_record",
    "receipt_add",
    "review_reminders_send",
    "reviewer_add",
    "round_create",
    "showcase_hide",
    "showcase_publish",
    "showcase_suggest",
    "visit_plan",
    "visit_record",
    "visit_reminders_send",
]

# The rubric the Pay it Forward young people's group designed in 2017 (the seeds: young
# people "designed the processes and paperwork"). Weights are relative.
PAY_IT_FORWARD_RUBRIC = {
    "name": "Pay it Forward",
    "designed_by": "Designed by the Pay it Forward young people's group, 2017",
    "criteria": [
        {
            "title": "Wellbeing",
            "question": "Will it make someone's wellbeing better? Is it clear how?",
            "weight": 40,
            "guidance": {
                "0": "It does not say how it helps anyone's wellbeing.",
                "1": "It might help, but it is hard to see how.",
                "2": "It helps a little, for a short time.",
                "3": "It clearly helps some people feel better.",
                "4": "It clearly helps, and says how they will know.",
                "5": "It will make a real difference, and the people it helps asked for it.",
            },
        },
        {
            "title": "Who it helps",
            "question": "Is it clear who it is for, and will they want it?",
            "weight": 25,
            "guidance": {
                "0": "It does not say who it is for.",
                "1": 'It is for "everyone", with no idea who will come.',
                "2": "It says who, but not why them.",
                "3": "It says who and why.",
                "4": "It says who and why, and they have been asked.",
                "5": "The people it helps are part of planning it.",
            },
        },
        {
            "title": "The plan",
            "question": "Is there a clear plan of what will happen and when?",
            "weight": 20,
            "guidance": {
                "0": "There is no plan.",
                "1": "The plan is very unclear.",
                "2": "Some steps, but no dates.",
                "3": "Clear steps and rough dates.",
                "4": "Clear steps, dates and who does what.",
                "5": "A plan anyone could follow, with what happens if something goes wrong.",
            },
        },
        {
            "title": "Value for money",
            "question": "Do the costs make sense for what it will do?",
            "weight": 15,
            "guidance": {
                "0": "The costs are missing or make no sense.",
                "1": "Most costs are not explained.",
                "2": "Some costs seem too high.",
                "3": "The costs are about right.",
                "4": "The costs are right and explained.",
                "5": "Careful costs, with things borrowed or given where they could be.",
            },
        },
    ],
}


def _long(day: date) -> str:
    return date_format(day, "j F Y")


def _workers() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.WORKER, is_active=True).distinct())


def _application_url(application: Application) -> str:
    return reverse("grants:application", args=[application.pk])


def _pounds(
    value, field: str, *, required: bool = False, most: Decimal = Decimal("100000")
) -> Decimal | None:
    """Pounds and pence from what was typed ("£1,000", "12.5"), or a plain error."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: "Write an amount in pounds, for example 250."})
        return None
    if isinstance(value, Decimal):
        amount = value
    else:
        text = str(value).strip().replace("£", "").replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                {field: "Write an amount in pounds, for example 250 or 12.50."}
            ) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: "The amount must be more than £0."})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: "Write pounds and pence, with at most 2 numbers of pence."})
    if amount >= most:
        raise ValidationError({field: f"Write an amount under {money(most)}."})
    return amount.quantize(Decimal("0.01"))


# --- Rounds ---------------------------------------------------------------------------------


def _pay_it_forward_rubric(actor: User) -> Rubric:
    rubric = Rubric.objects.filter(name=PAY_IT_FORWARD_RUBRIC["name"]).first()
    return rubric or scoring.rubric_create(actor=actor, **PAY_IT_FORWARD_RUBRIC)


@transaction.atomic
def round_create(
    *,
    actor: User,
    name: str,
    budget,
    opens_at: datetime,
    closes_at: datetime,
    review_deadline: datetime,
    summary: str = "",
    area: str = "",
    min_grant=Decimal("250"),
    max_grant=Decimal("1000"),
    min_age: int = 11,
    max_age: int = 16,
    rubric: Rubric | None = None,
) -> Round:
    """A round, with its blind review panel (open to trained grant reviewers only) and its
    decision panel of young people (a base group)."""
    require(actor, "grants.manage_rounds")
    name = name.strip()
    errors = {}
    if not name:
        errors["name"] = "Give the round a name, for example Pay it Forward spring 2026."
    budget = _pounds(budget, "budget", required=True, most=Decimal("10000000"))
    min_grant = _pounds(min_grant, "min_grant", required=True)
    max_grant = _pounds(max_grant, "max_grant", required=True)
    if min_grant > max_grant:
        errors["max_grant"] = "The biggest grant can't be less than the smallest."
    elif max_grant > budget:
        errors["budget"] = "The budget must be at least as much as the biggest grant."
    if max(min_age, max_age) != max_age:
        errors["max_age"] = "The oldest age can't be less than the youngest."
    if closes_at <= opens_at:
        errors["closes_at"] = "The round must close after it opens."
    if review_deadline < closes_at:
        errors["review_deadline"] = "Reviews must be due after the round closes."
    if errors:
        raise ValidationError(errors)
    slug = base = slugify(name)[:190] or "round"
    n = 1
    while Round.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    panel = scoring.panel_create(
        actor=actor,
        name=f"{name}: young reviewers",
        rubric=rubric or _pay_it_forward_rubric(actor),
        unlock=Unlock.GRANT_REVIEWER,
        blind=True,
        deadline=review_deadline,
    )
    decision_group = Group.objects.create(
        name=f"{name}: decision panel", slug=f"{slug}-decision-panel"[:200], kind=GroupKind.PANEL
    )
    round_ = Round(
        name=name,
        slug=slug,
        summary=summary.strip(),
        area=area.strip(),
        budget=budget,
        min_grant=min_grant,
        max_grant=max_grant,
        min_age=min_age,
        max_age=max_age,
        opens_at=opens_at,
        closes_at=closes_at,
        review_deadline=review_deadline,
        panel=panel,
        decision_group=decision_group,
        created_by=actor,
    )
    round_.full_clean()
    round_.save()
    audit(actor=actor, action="grants.round_create", target=round_, budget=str(budget))
    return round_


@transaction.atomic
def reviewer_add(*, actor: User, round: Round, person: User):
    """A trained young reviewer joins the round's review panel (the engine refuses anyone not
    trained for it, in its own words)."""
    require(actor, "grants.manage_rounds", round)
    panellist = scoring.panellist_add(actor=actor, panel=round.panel, person=person)
    for application in Application.objects.filter(round=round, applicant=person).exclude(
        submitted_at__isnull=True
    ):
        _step_aside_from_own(application)
    return panellist


OWN_APPLICATION = "This is my own application."


def _step_aside_from_own(application: Application) -> None:
    """A young reviewer never scores their own application: they are recorded as having a
    conflict with it, so the engine refuses them and the panel sees why."""
    from participation.scoring.models import Panellist

    person = application.applicant
    if not Panellist.objects.filter(panel_id=application.round.panel_id, person=person).exists():
        return
    item = scoring.item_for(application.round.panel, application.item_ref)
    if item is not None:
        scoring.conflict_declare(actor=person, item=item, reason=OWN_APPLICATION)


# --- Applications -----------------------------------------------------------------------------

TEXT_FIELDS = (
    "title",
    "who_it_helps",
    "wellbeing",
    "plan",
    "co_applicants",
    "school",
    "adult_name",
    "adult_relationship",
    "adult_contact",
    "consent_name",
    "consent_relationship",
    "consent_contact",
    "showcase_name",
)


@transaction.atomic
def application_start(*, actor: User, round: Round, title: str) -> Application:
    """A new draft, numbered within the round. It can be finished and sent later."""
    require(actor, "grants.apply", round)
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Give your project a name."})
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if not round_.is_open():
        raise ValidationError(selectors.round_closed_words(round_))
    number = (round_.applications.aggregate(m=Max("number"))["m"] or 0) + 1
    application = Application(round=round_, applicant=actor, number=number, title=title[:200])
    application.full_clean()
    application.save()
    audit(actor=actor, action="grants.application_start", target=application)
    return application


def _clean_lines(lines) -> list[tuple[str, Decimal]]:
    """Budget lines as (what, cost); empty rows are left out, half-filled ones explained."""
    cleaned, errors = [], {}
    for i, (item, cost) in enumerate(lines or [], start=1):
        item = (item or "").strip()
        if not item and cost in (None, ""):
            continue
        if not item:
            errors[f"line_{i}_item"] = f"Say what line {i} of your budget is for."
            continue
        try:
            amount = _pounds(cost, f"line_{i}_cost", required=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        cleaned.append((item[:200], amount))
    if len(cleaned) > BUDGET_LINES:
        errors["__all__"] = f"Use at most {BUDGET_LINES} budget lines."
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save(application: Application, fields: dict, lines) -> None:
    unknown = set(fields) - set(TEXT_FIELDS) - {"helps", "people_helped", "amount"}
    if unknown:
        raise ValueError(f"not application fields: {sorted(unknown)}")
    errors = {}
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(application, name, (fields[name] or "").strip())
    if "title" in fields and not application.title:
        errors["title"] = "Give your project a name."
    if "helps" in fields:
        if fields["helps"] not in ("", *Helps.values):
            errors["helps"] = "Choose one person or a group of people."
        application.helps = fields["helps"] or ""
    if "people_helped" in fields:
        people = fields["people_helped"]
        if people not in (None, "") and (not isinstance(people, int) or people < 1):
            errors["people_helped"] = "Write how many people it will help, for example 30."
        application.people_helped = people or None
    if "amount" in fields:
        try:
            application.amount = _pounds(fields["amount"], "amount")
        except ValidationError as error:
            errors.update(error.message_dict)
    new_lines = None
    if lines is not None:
        try:
            new_lines = _clean_lines(lines)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    application.updated_at = timezone.now()
    application.full_clean(exclude=["round", "applicant", "ranking"])
    application.save()
    if new_lines is not None:
        application.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(application=application, position=i, item=item, cost=cost)
            for i, (item, cost) in enumerate(new_lines, start=1)
        )


@transaction.atomic
def application_save(*, actor: User, application: Application, lines=None, **fields) -> Application:
    """Save the draft as it is (nothing has to be finished yet). `lines` is a list of
    (what, cost) pairs and replaces the budget; `fields` are the application's own."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    require(actor, "grants.edit_application", application)
    _save(application, fields, lines)
    audit(actor=actor, action="grants.application_save", target=application)
    return application


@transaction.atomic
def application_submit(
    *, actor: User, application: Application, lines=None, **fields
) -> Application:
    """Save what was typed and send it, if every rule is met on the day; otherwise refuse with
    every reason in plain English and save nothing (the draft stays as it was)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    require(actor, "grants.edit_application", application)
    _save(application, fields, lines)
    application = Application.objects.select_related("round", "applicant").get(pk=application.pk)
    today = timezone.localdate()
    problems = selectors.application_problems(application, on=today)
    if problems:
        # Raising rolls the transaction back: what was typed stays in the form, not the draft.
        raise ValidationError(problems)
    now = timezone.now()
    application.submitted_at = now
    application.applied_on = today
    application.consent_needed = application.applicant.age(on=today) < CONSENT_UNDER_AGE
    APPLICATION_FLOW.move(
        application,
        "submit",
        actor=actor,
        extra_fields=["submitted_at", "applied_on", "consent_needed"],
    )
    scoring.item_add(
        panel=application.round.panel,
        ref=application.item_ref,
        label=f"Application {application.reference}",
    )
    _step_aside_from_own(application)
    notify(
        recipients=[actor],
        kind="grants.application_sent",
        title=f"We have your Pay it Forward application {application.reference}",
        body="Young reviewers will read it soon. We will tell you what the panel decides.",
        url=_application_url(application),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    require(actor, "grants.withdraw_application", application)
    APPLICATION_FLOW.move(application, "withdraw", actor=actor)
    return application


@transaction.atomic
def consent_confirm(*, actor: User, application: Application, how: str) -> Application:
    """A worker checked with the parent or carer named on the application that they say yes."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    require(actor, "grants.confirm_consent", application)
    if not application.consent_needed:
        raise ValidationError(
            "This young person was 16 when they applied, so no consent is needed."
        )
    if application.consent_confirmed_at is not None:
        raise ValidationError("Their parent or carer's yes is already recorded.")
    if not how.strip():
        raise ValidationError({"how": "Say how they told you, for example on the phone."})
    application.consent_confirmed_by = actor
    application.consent_confirmed_at = timezone.now()
    application.save(update_fields=["consent_confirmed_by", "consent_confirmed_at"])
    audit(actor=actor, action="grants.consent_confirm", target=application, how=how.strip())
    return application


# --- The decision panel -----------------------------------------------------------------------


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: Application,
    outcome: str,
    reason: str,
    amount=None,
    conditions: str = "",
) -> Application:
    """The decision panel's award or decline, with the reason the applicant reads. An award
    never takes a round over its budget: the round's row is locked first, so two decisions at
    the same moment are made one after the other and the second sees the first's award."""
    require(actor, "grants.decide", application)
    round_ = Round.objects.select_for_update().get(pk=application.round_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .get(pk=application.pk)
    )
    application.round = round_
    if outcome not in ("award", "decline"):
        raise ValidationError({"outcome": "Choose award or decline."})
    APPLICATION_FLOW.check(application, outcome, actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": "Write the reason in words the young person will understand."}
        )
    item = Item.objects.filter(panel_id=round_.panel_id, ref=application.item_ref).first()
    reviews = Sheet.objects.filter(item=item, status=SheetStatus.SUBMITTED).count() if item else 0
    if reviews < MIN_REVIEWS:
        raise ValidationError(
            f"{application.reference} has {reviews} review{'s' if reviews != 1 else ''}. "
            f"It needs at least {MIN_REVIEWS} before the panel decides."
        )
    award_amount = None
    if outcome == "award":
        award_amount = _pounds(
            amount if amount not in (None, "") else application.amount, "amount", required=True
        )
        if not round_.min_grant <= award_amount <= round_.max_grant:
            raise ValidationError(
                {
                    "amount": f"A grant in this round is {money(round_.min_grant)} to "
                    f"{money(round_.max_grant)}."
                }
            )
        awarded = round_.awards.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        left = round_.budget - awarded
        if award_amount > left:
            raise ValidationError(
                {
                    "amount": f"There is only {money(left)} left in this round's budget, so "
                    f"the panel can't award {money(award_amount)}."
                }
            )
    ranking = scoring.ranking_record(actor=actor, panel=round_.panel)
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.ranking = ranking
    APPLICATION_FLOW.move(
        application,
        outcome,
        actor=actor,
        extra_fields=["decision_reason", "decided_by", "decided_at", "ranking"],
        amount=str(award_amount) if award_amount else "",
    )
    if award_amount is not None:
        Award.objects.create(
            application=application,
            round=round_,
            amount=award_amount,
            conditions=conditions.strip(),
        )
    feedback = selectors.feedback_for(application)
    said = "\n".join(f"{f.criterion}: {f.comment}" for f in feedback)
    if outcome == "award":
        title = f"Good news: your project {application.title} gets {money(award_amount)}"
    else:
        title = f"Your project {application.title} is not funded this time"
    body = f"The panel said: {reason}"
    if conditions.strip() and outcome == "award":
        body += f"\n\nWhat you need to do: {conditions.strip()}"
    if said:
        body += f"\n\nWhat the young reviewers said:\n{said}"
    notify(
        recipients=[application.applicant],
        kind="grants.decision",
        title=title,
        body=body,
        url=_application_url(application),
    )
    return application


# --- Award and payment ------------------------------------------------------------------------


@transaction.atomic
def payment_record(*, actor: User, award: Award, paid_on: date, method: str) -> Award:
    """The grant was paid to the trusted adult named on the application, never to the child."""
    require(actor, "grants.record_payment", award)
    award = (
        Award.objects.select_for_update(of=("self",)).select_related("application").get(pk=award.pk)
    )
    application = award.application
    if application is None:
        raise ValidationError("The young person's application has been deleted.")
    if method not in PaymentMethod.values:
        raise ValidationError({"method": "Choose how it was paid."})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date it was paid can't be in the future."})
    if not application.adult_name:
        raise ValidationError("The application does not name a trusted adult to pay.")
    if not application.consent_ok:
        raise ValidationError(
            "Check with their parent or carer that they say yes before paying the grant."
        )
    award.paid_on = paid_on
    award.payment_method = method
    award.paid_to = application.adult_name
    award.paid_by = actor
    AWARD_FLOW.move(
        award, "pay", actor=actor, extra_fields=["paid_on", "payment_method", "paid_to", "paid_by"]
    )
    return award


@transaction.atomic
def receipt_add(*, actor: User, award: Award, what: str, amount, upload) -> Receipt:
    require(actor, "grants.add_receipt", award)
    errors = {}
    if not what.strip():
        errors["what"] = "Say what the receipt is for."
    try:
        amount = _pounds(amount, "amount", required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    if upload is None:
        errors["upload"] = "Choose the receipt's file (a photo or a PDF)."
    else:
        try:
            kind = check_upload(upload)
        except ValidationError as error:
            errors["upload"] = error.messages
    if errors:
        raise ValidationError(errors)
    receipt = Receipt(award=award, what=what.strip(), amount=amount, file_kind=kind, added_by=actor)
    receipt.file.save(f"{award.pk}-{upload.name.rsplit('/', 1)[-1]}", upload, save=False)
    receipt.save()
    audit(actor=actor, action="grants.receipt_add", target=receipt)
    return receipt


# --- Follow-up visits -------------------------------------------------------------------------


@transaction.atomic
def visit_plan(
    *,
    actor: User,
    award: Award,
    starts_at: datetime,
    place: str,
    due_on: date | None = None,
    hours: int = 2,
) -> Visit:
    """A visit to a funded project: an activity of the base that young people sign up to."""
    require(actor, "grants.plan_visit", award)
    award = Award.objects.select_related("application__round").get(pk=award.pk)
    if award.application is None:
        raise ValidationError("The young person's application has been deleted.")
    if award.status == AwardStatus.AWARDED:
        raise ValidationError("Plan the visit once the grant has been paid.")
    if not place.strip():
        raise ValidationError({"place": "Say where the visit is."})
    application = award.application
    activity = activity_create(
        created_by=actor,
        title=f"Pay it Forward visit: {application.title}",
        description="Visit a project Pay it Forward funded: see how the money was used and ask "
        "the people it helped what they think.",
        kind=ActivityKind.OTHER,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        place=place.strip(),
        planned_rung=LadderRung.CO_PRODUCTION,
    )
    visit = Visit.objects.create(
        award=award,
        activity=activity,
        due_on=due_on
        or max(
            timezone.localdate(starts_at) + timedelta(days=7),
            (award.paid_on or timezone.localdate()) + timedelta(days=VISIT_DUE_DAYS_AFTER_PAYMENT),
        ),
        created_by=actor,
    )
    audit(actor=actor, action="grants.visit_plan", target=visit)
    return visit


@transaction.atomic
def visit_record(
    *,
    actor: User,
    visit: Visit,
    happened: bool,
    money_used: str = "",
    people_said: str = "",
    wellbeing: str = "",
    people_helped: int | None = None,
    photos=(),
) -> Visit:
    """What the visitors found. `photos` are (upload, caption, consent) triples: a photo is
    only kept when the people in it said yes. A visit that happened finishes the project."""
    require(actor, "grants.record_visit", visit)
    visit = Visit.objects.select_for_update(of=("self",)).get(pk=visit.pk)
    errors = {}
    if happened:
        if not money_used.strip():
            errors["money_used"] = "Say what the money was spent on."
        if not people_said.strip():
            errors["people_said"] = "Write what the people it helped told you."
        if wellbeing not in Wellbeing.values:
            errors["wellbeing"] = "Choose how their wellbeing seemed."
    elif not money_used.strip():
        errors["money_used"] = "Say what happened to the money."
    if people_helped is not None and people_helped < 0:
        errors["people_helped"] = "Write how many people it helped, or leave it empty."
    kept = []
    for upload, caption, consent in photos:
        if upload is None:
            continue
        if not consent:
            errors["photo"] = (
                "Only add a photo if everyone in it (and a parent or carer for children) said yes."
            )
            continue
        try:
            kept.append((upload, caption, check_upload(upload)))
        except ValidationError as error:
            errors["photo"] = error.messages
    for _upload, _caption, kind in kept:
        if kind == "pdf":
            errors["photo"] = "A photo must be a picture (JPEG, PNG or GIF), not a PDF."
    if errors:
        raise ValidationError(errors)
    visit.money_used = money_used.strip()
    visit.people_said = people_said.strip()
    visit.wellbeing = wellbeing if happened else ""
    visit.people_helped = people_helped
    visit.recorded_by = actor
    visit.recorded_at = timezone.now()
    VISIT_FLOW.move(
        visit,
        "record" if happened else "record_not_happened",
        actor=actor,
        extra_fields=[
            "money_used",
            "people_said",
            "wellbeing",
            "people_helped",
            "recorded_by",
            "recorded_at",
        ],
    )
    for upload, caption, kind in kept:
        photo = VisitPhoto(
            visit=visit,
            caption=(caption or "").strip()[:200],
            consent=True,
            file_kind=kind,
            added_by=actor,
        )
        photo.file.save(f"{visit.pk}-{upload.name.rsplit('/', 1)[-1]}", upload, save=False)
        photo.save()
    award = Award.objects.select_for_update().get(pk=visit.award_id)
    if happened and AWARD_FLOW.is_possible(award, "complete"):
        AWARD_FLOW.move(award, "complete", actor=actor)
    return visit


# --- The showcase -----------------------------------------------------------------------------


@transaction.atomic
def showcase_suggest(
    *, actor: User, application: Application, story: str, quote: str = ""
) -> ShowcaseEntry:
    """A finished project put forward for the public showcase, under the name its young person
    chose. A worker checks it before anyone else sees it."""
    require(actor, "grants.suggest_showcase", application)
    application = Application.objects.select_related("round").get(pk=application.pk)
    award = Award.objects.filter(application=application).first()
    if award is None or award.status != AwardStatus.COMPLETED:
        raise ValidationError("A project goes on the showcase once young people have visited it.")
    if not application.showcase_name:
        raise ValidationError(
            "The application does not say what name to show, so it can't go on the showcase."
        )
    if ShowcaseEntry.objects.filter(application=application).exists():
        raise ValidationError("This project has already been put forward for the showcase.")
    if not story.strip():
        raise ValidationError({"story": "Say what the project did, in a few sentences."})
    helped = (
        Visit.objects.filter(award=award, status=VisitStatus.DONE, people_helped__isnull=False)
        .order_by("-recorded_at")
        .values_list("people_helped", flat=True)
        .first()
    )
    entry = ShowcaseEntry.objects.create(
        application=application,
        round=application.round,
        name_shown=application.showcase_name,
        title=application.title,
        story=story.strip(),
        quote=quote.strip(),
        people_helped=helped if helped is not None else (application.people_helped or 0),
    )
    audit(actor=actor, action="grants.showcase_suggest", target=entry)
    if not actor.has_role(Role.WORKER):
        notify(
            recipients=_workers(),
            kind="grants.showcase_waiting",
            title=f"A Pay it Forward project is waiting for the showcase: {entry.title}",
            body="Check it before it is published.",
            url=reverse("grants:showcase_queue"),
        )
    return entry


@transaction.atomic
def showcase_publish(*, actor: User, entry: ShowcaseEntry) -> ShowcaseEntry:
    entry = ShowcaseEntry.objects.select_for_update().get(pk=entry.pk)
    require(actor, "grants.moderate_showcase", entry)
    entry.moderated_by = actor
    entry.moderated_at = timezone.now()
    SHOWCASE_FLOW.move(entry, "publish", actor=actor, extra_fields=["moderated_by", "moderated_at"])
    return entry


@transaction.atomic
def showcase_hide(*, actor: User, entry: ShowcaseEntry, reason: str) -> ShowcaseEntry:
    entry = ShowcaseEntry.objects.select_for_update().get(pk=entry.pk)
    require(actor, "grants.moderate_showcase", entry)
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is coming off the showcase."})
    entry.moderated_by = actor
    entry.moderated_at = timezone.now()
    SHOWCASE_FLOW.move(
        entry,
        "hide",
        actor=actor,
        extra_fields=["moderated_by", "moderated_at"],
        reason=reason.strip(),
    )
    return entry


# --- Reminders (periodic, no person acts) -----------------------------------------------------


@transaction.atomic
def review_reminders_send(*, now: datetime | None = None) -> int:
    """Before a round's review deadline, remind each reviewer with sheets still to send, once
    per round (claimed with a conditional UPDATE, so two runs at once remind once). The note
    names applications by their number only."""
    from participation.scoring.selectors import behind

    now = now or timezone.now()
    due = Round.objects.filter(
        review_reminder_sent_at__isnull=True,
        closes_at__lte=now,
        review_deadline__gt=now,
        review_deadline__lte=now + timedelta(days=REVIEW_REMINDER_DAYS_BEFORE),
    ).select_related("panel")
    reminded = 0
    for round_ in due:
        if not Round.objects.filter(pk=round_.pk, review_reminder_sent_at__isnull=True).update(
            review_reminder_sent_at=now
        ):
            continue
        when = date_format(timezone.localtime(round_.review_deadline), "j F")
        for person, items in behind(round_.panel):
            labels = ", ".join(item.label.removeprefix("Application ") for item in items)
            notify(
                recipients=[person],
                kind="grants.review_reminder",
                title=f"Reviews for {round_.name} are due by {when}",
                body=f"You still have {len(items)} to send: {labels}.",
                url=reverse("grants:reviews", args=[round_.slug]),
            )
            reminded += 1
    return reminded


@transaction.atomic
def visit_reminders_send(*, today: date | None = None) -> int:
    """A visit not written up by its due date reminds the worker who planned it (every worker
    if they have gone), once."""
    today = today or timezone.localdate()
    overdue = Visit.objects.filter(
        status=VisitStatus.PLANNED, due_on__lt=today, reminder_sent_at__isnull=True
    ).select_related("award__application", "created_by")
    sent = 0
    for visit in overdue:
        if not Visit.objects.filter(pk=visit.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        ):
            continue
        planner = visit.created_by
        recipients = [planner] if planner and planner.is_active else _workers()
        notify(
            recipients=recipients,
            kind="grants.visit_overdue",
            title=f"The visit to {visit.award.application.title} was due by {_long(visit.due_on)}",
            body="Write up the visit, or say that the project did not happen.",
            url=reverse("grants:visit", args=[visit.pk]),
        )
        sent += 1
    return sent
