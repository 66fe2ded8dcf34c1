"""Demo commissioning from the seeds: Wolverhampton's joint commissioning of a new emotional
health and wellbeing service with children and young people ("to design the specification ...
Young People then evaluated and judged the applications and ultimately chose the winning
service provider"), with three providers bidding; and one HeadStart staff recruitment, with
young people from Heath Park on the interview panel (an activity task, a 5-minute presentation
and their own questions).

The round is shown while the young evaluators are scoring: Jordan has sent his scores for every
bid, Ruby for one, so the worker sees progress but no scores yet. Everything goes through the
services; only the closing time is moved back once the bids are in, as if they had been sent
before it, because the services rightly refuse a bid after it.
"""

from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from participation.demo import DEMO_TOTP_SECRET
from participation.models import (
    Organisation,
    OrganisationKind,
    Role,
    TrainingModule,
    User,
)
from participation.scoring import services as scoring
from participation.services import role_grant, training_complete

from . import services
from .models import Round

# The smallest file that starts like a PDF, so the demo has a file to download.
DEMO_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROUND_TITLE = "Emotional health and wellbeing service 2026"
RECRUITMENT_TITLE = "HeadStart School Support Coordinator"

PROVIDERS = [
    # (organisation, provider account, first name, last name, price in pence)
    ("Bilston Youth Project", "provider@example.org", "Tom", "Baker", 41_500_000),
    ("Whitmore Reans Community Trust", "whitmore@example.org", "Grace", "Okafor", 38_000_000),
    ("Wolverhampton Young Minds", "youngminds@example.org", "Sunil", "Mehta", 44_000_000),
]

SECTIONS = [
    (
        "What the service is for",
        "A new emotional health and wellbeing service for children and young people in "
        "Wolverhampton, so that every child has the self-esteem, resilience and social skills "
        "they need.",
        ["Staff listen before they give advice", "You can get help without a long wait"],
    ),
    (
        "Where and when",
        "In places young people already go, in every part of the city.",
        ["It is open after school and at weekends", "You can talk online or in person"],
    ),
]

CRITERIA = [
    {
        "title": "Young people's voice",
        "question": "How will young people shape and check the service, every year?",
        "weight": 40,
        "guidance": {
            "0": "Young people are not mentioned.",
            "1": "Young people are asked once, at the start.",
            "2": "Young people are asked sometimes.",
            "3": "Young people help run it and check it.",
            "4": "Young people lead it with staff, as equals.",
        },
    },
    {
        "title": "Reaching everyone",
        "question": "How will it reach children in care, young carers and those who don't ask?",
        "weight": 35,
    },
    {
        "title": "Safe and kind",
        "question": "How will staff keep young people safe and treat them with respect?",
        "weight": 25,
    },
]

QUESTIONS = [
    {
        "title": "How will we know it is working?",
        "question": "Listen for real examples.",
        "weight": 50,
    },
    {"title": "Would you go there?", "question": "Did they talk to us, not at us?", "weight": 50},
]


def _person(email, first, last, role, organisation=None) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if not user.has_usable_password():
        user.set_password("youth-voice-demo")
        user.save(update_fields=["password"])
    role_grant(user=user, role=role, organisation=organisation)
    user.__dict__.pop("role_names", None)
    if role == Role.PROVIDER and not Authenticator.objects.filter(user=user).exists():
        # Providers use two-factor authentication (commissioning/views/mfa.py).
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _train(person, module_title, worker) -> None:
    module = TrainingModule.objects.filter(title=module_title).first()
    if module is not None:
        training_complete(
            user=person,
            module=module,
            completed_on=timezone.localdate() - timedelta(days=30),
            method="face_to_face",
            signed_off_by=worker,
        )


@transaction.atomic
def seed_commissioning(stdout) -> None:
    if Round.objects.filter(title=ROUND_TITLE).exists():
        return
    worker = User.objects.get(email="worker@example.org")
    amira = User.objects.get(email="young@example.org")
    jordan = User.objects.get(email="ambassador@example.org")
    ruby = User.objects.filter(email="ruby@example.org").first() or amira
    for person in {amira, ruby}:
        _train(person, "Commissioning evaluator", worker)

    now = timezone.now()
    round = services.round_create(
        actor=worker,
        title=ROUND_TITLE,
        service_title="emotional health and wellbeing service",
        summary="A new service, designed with children and young people, to help them feel "
        "good, cope when things are hard and get help early.",
        budget_pence=45_000_000,
        contract_months=36,
        bids_close_at=now + timedelta(hours=1),
        evaluation_ends_at=now + timedelta(days=14),
        presentations_at=now + timedelta(days=21),
        presentations_place="Wolverhampton Civic Hall",
        decision_by=(now + timedelta(days=28)).date(),
    )
    for title, body, ideas in SECTIONS:
        section = services.section_save(actor=worker, round=round, title=title, body=body)
        for text in ideas:
            statement = services.statement_propose(actor=jordan, section=section, text=text)
            services.statement_decide(actor=worker, statement=statement, accept=True)
            services.statement_prioritise(actor=amira, statement=statement)
    services.spec_publish(actor=worker, round=round)
    first = round.sections.order_by("position").first()
    services.comment_add(
        actor=amira, section=first, text="Please make sure it feels friendly, not like a clinic."
    )
    mine = services.statement_propose(
        actor=amira, section=first, text="Young people can bring a friend with them"
    )
    services.statement_decide(actor=worker, statement=mine, accept=True)
    services.spec_publish(
        actor=worker, round=round, what_changed="Added: young people can bring a friend."
    )
    services.criteria_set(actor=worker, round=round, criteria=CRITERIA)
    services.criteria_set(actor=worker, round=round, criteria=QUESTIONS, which="presentation")
    round.refresh_from_db()
    services.round_move(actor=worker, round=round, move="open_bids")

    bids = []
    criteria = list(round.rubric.criteria.order_by("number"))
    for name, email, first_name, last_name, price in PROVIDERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "slug": name.lower().replace(" ", "-"),
                "kind": OrganisationKind.PROVIDER,
                "area": "Wolverhampton",
            },
        )
        provider = _person(email, first_name, last_name, Role.PROVIDER, organisation)
        bid = services.bid_save(
            actor=provider,
            round=round,
            organisation=organisation,
            answers={
                c.pk: f"{name}: how we will meet '{c.title}'. {c.question} Young people from "
                "our groups helped us write this answer."
                for c in criteria
            },
            price_pence=price,
        )
        services.attachment_add(
            actor=provider,
            bid=bid,
            title=f"{name}: how we work with young people",
            upload=SimpleUploadedFile("our-approach.pdf", DEMO_PDF, "application/pdf"),
        )
        bids.append(services.bid_submit(actor=provider, bid=bid))
    question = services.clarification_ask(
        actor=User.objects.get(email="whitmore@example.org"),
        round=round,
        question="Can part of the service run on Saturdays from a youth club?",
    )
    services.clarification_answer(
        actor=worker,
        clarification=question,
        answer="Yes. Young people asked for weekend opening, so it is welcome.",
    )
    # As if the closing time had come: see the module's docstring.
    Round.objects.filter(pk=round.pk).update(bids_close_at=now - timedelta(minutes=1))
    round.refresh_from_db()
    services.round_move(actor=worker, round=round, move="start_evaluation")
    round.refresh_from_db()
    panel = round.quality_panel
    for person in {jordan, ruby}:
        scoring.panellist_add(actor=worker, panel=panel, person=person)
    for bid, values in zip(bids, ([3, 4, 3], [4, 3, 4], [2, 2, 3]), strict=True):
        item = scoring.item_for(panel, bid.ref)
        services.declaration_make(actor=jordan, item=item, has_conflict=False)
        services.scores_save(
            actor=jordan,
            item=item,
            scores={
                c.pk: (v, "They showed real examples of young people taking part.")
                for c, v in zip(criteria, values, strict=True)
            },
            send=True,
        )
    if ruby != amira:
        item = scoring.item_for(panel, bids[0].ref)
        services.declaration_make(actor=ruby, item=item, has_conflict=False)
        services.scores_save(
            actor=ruby,
            item=item,
            scores={c.pk: (1, "Not much about young people leading it.") for c in criteria},
            send=True,
        )
    _seed_recruitment(worker, amira, jordan)
    stdout.write("  commissioning: 1 round (3 bids, being scored), 1 recruitment panel")


def _seed_recruitment(worker, amira, jordan) -> None:
    headstart = Organisation.objects.filter(name="HeadStart Wolverhampton").first()
    for person in (amira, jordan):
        _train(person, "Interview training", worker)
    recruitment = services.recruitment_create(
        actor=worker,
        title=RECRUITMENT_TITLE,
        organisation=headstart,
        summary="Supports schools to help pupils with their emotional health. Young people "
        "from Heath Park sit on the panel in the half-term holiday.",
        deadline=timezone.now() + timedelta(days=10),
    )
    for name in ("Candidate One Demo", "Candidate Two Demo", "Candidate Three Demo"):
        services.candidate_add(actor=worker, recruitment=recruitment, name=name)
    for person in (amira, jordan):
        try:
            scoring.panellist_add(actor=worker, panel=recruitment.panel, person=person)
        except ValidationError:  # training missing from a partial demo: leave them out
            continue
    if recruitment.panel.panellists.filter(person=amira).exists():
        services.recruitment_question_add(
            actor=amira,
            recruitment=recruitment,
            text="What would you do if a pupil told you they felt lonely at school?",
        )
    services.recruitment_start(actor=worker, recruitment=recruitment)
