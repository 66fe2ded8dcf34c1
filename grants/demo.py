"""Demo Pay it Forward from the seeds (HeadStart Kent): young people created it in 2017, it
gives £250 to £1,000 to 11 to 16-year-olds, and it had given over 140 grants by 2020.

- "Pay it Forward 2020", finished: Born Again Pond, the Homely Hampers Project and Lego Club,
  reviewed by two trained young reviewers (Jordan Clarke, the Ambassador, and Leah Hughes),
  awarded by the panel, paid to their trusted adults, visited, and on the showcase.
- This year's round, open now: two sent applications waiting for review, and Amira Khan's
  (young@example.org, 15) draft.

Everything is made through the services, then the finished round's dates are moved back to
2020 (as the charter demo does for a lapsed membership), since a service only takes
applications while a round is open.
"""

from datetime import date, datetime, timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from participation.models import Role, TrainingModule, User
from participation.scoring import services as scoring
from participation.scoring.models import Item
from participation.services import is_trained, role_grant, training_complete

from . import services
from .models import Application, Round, Visit

DEMO_PASSWORD = "youth-voice-demo"
FINISHED = "Pay it Forward 2020"
REVIEWER_MODULE = "Pay it Forward reviewer"

FINISHED_PROJECTS = [
    {
        "email": "pond@example.org",
        "first_name": "Ellis",
        "last_name": "Baker",
        "age": 14,
        "fields": {
            "title": "Born Again Pond",
            "helps": "group",
            "who_it_helps": "Young people and families who use the community pond near us.",
            "people_helped": 120,
            "wellbeing": "Being outside by water is calming. With a handrail, paving and seats, "
            "more young people, and people who use wheelchairs, can enjoy it.",
            "plan": "April: clear the path. May: put in the handrail, paving and solar lights. "
            "June: plant trees, add benches and plant boxes, and have an opening picnic.",
            "amount": "1000",
            "school": "Dover Grammar School for Boys",
            "adult_name": "Karen Baker",
            "adult_relationship": "My mum",
            "adult_contact": "karen.baker@example.org",
            "consent_name": "Karen Baker",
            "consent_relationship": "Mum",
            "consent_contact": "karen.baker@example.org",
            "showcase_name": "The Pond Team",
        },
        "lines": [
            ("Handrail and fixings", "380"),
            ("Paving slabs", "240"),
            ("Solar lights", "130"),
            ("Trees, plants and plant boxes", "150"),
            ("Two benches", "100"),
        ],
        "scores": ([5, 4, 4, 4], [4, 4, 5, 3]),
        "reason": "A clear plan that lets more people enjoy a calm place outside.",
        "story": "Young people made their community pond easier and nicer to visit: a "
        "handrail, more paving, solar lights, new trees, benches and plant boxes.",
        "quote": "I can get down to the water now, and I come most weekends.",
        "said": "Families said they stay longer now there are benches.",
    },
    {
        "email": "hampers@example.org",
        "first_name": "Priya",
        "last_name": "Desai",
        "age": 13,
        "fields": {
            "title": "Homely Hampers Project",
            "helps": "group",
            "who_it_helps": "Older people living in two care homes near our school.",
            "people_helped": 30,
            "wellbeing": "Residents told us they get lonely and don't see many young people. "
            "A hamper and a visit shows someone is thinking of them, and builds friendships "
            "between ages that don't usually mix.",
            "plan": "November: buy blankets and biscuits, and make artwork in art club. "
            "December: pack 30 hampers and take them to the homes, and stay for tea.",
            "amount": "450",
            "school": "Folkestone Academy",
            "adult_name": "Mr Daniel Okafor",
            "adult_relationship": "My art teacher",
            "adult_contact": "d.okafor@example.org",
            "consent_name": "Anita Desai",
            "consent_relationship": "Mum",
            "consent_contact": "anita.desai@example.org",
            "showcase_name": "Art Club at Folkestone",
        },
        "lines": [
            ("30 fleece blankets", "270"),
            ("Biscuits and tea", "120"),
            ("Card and paint for the artwork", "60"),
        ],
        "scores": ([5, 5, 4, 4], [4, 5, 4, None]),
        "reason": "The panel loved that it brings young and older people together.",
        "story": "Young people at one school made 30 hampers with blankets, biscuits and their "
        "own artwork for residents of two homes for older people, and stayed to chat.",
        "quote": "It's been lovely meeting the young people as we don't get many visitors "
        "their age.",
        "said": "Residents said the visit meant more than the hamper.",
    },
    {
        "email": "lego@example.org",
        "first_name": "Sam",
        "last_name": "Turner",
        "age": 15,
        "fields": {
            "title": "Lego Club",
            "helps": "group",
            "who_it_helps": "Young people with autism who find it hard to make friends.",
            "people_helped": 12,
            "wellbeing": "Building together helps people share, take turns and talk. Making "
            "friends makes people happier and less anxious.",
            "plan": "Every month from September: a club night with a theme everyone agrees "
            "on, where we dress up and build one big model together.",
            "amount": "600",
            "school": "Ashford Oaks Academy",
            "adult_name": "Lisa Turner",
            "adult_relationship": "My aunt, who runs the youth club",
            "adult_contact": "07700 900123",
            "consent_name": "Mark Turner",
            "consent_relationship": "Dad",
            "consent_contact": "07700 900456",
            "showcase_name": "Sam's Lego Club",
        },
        "lines": [
            ("Lego sets and spare bricks", "420"),
            ("Storage boxes", "60"),
            ("Dressing-up for the themed nights", "120"),
        ],
        "scores": ([4, 5, 3, 3], [5, 4, 4, 4]),
        "reason": "A friendly, well-planned club for young people who asked for it.",
        "story": "A club for young people with autism to build friendships, share, take turns "
        "and talk, building Lego models together, with a themed night every month.",
        "quote": "I've made two friends here and we meet up outside the club now.",
        "said": "Parents said their children look forward to it all month.",
    },
]

OPEN_PROJECTS = [
    {
        "email": "boardgames@example.org",
        "first_name": "Noah",
        "last_name": "Wright",
        "age": 14,
        "fields": {
            "title": "Friday Board Games Club",
            "helps": "group",
            "who_it_helps": "Young people in Year 7 who are new to our school and feel shy.",
            "people_helped": 25,
            "wellbeing": "Playing games is an easy way to talk to new people without pressure, "
            "so fewer people spend lunch on their own.",
            "plan": "January: buy the games. February to July: a club every Friday lunchtime, "
            "run by Year 9 volunteers.",
            "amount": "300",
            "school": "Canterbury Academy",
            "adult_name": "Mrs Helen Price",
            "adult_relationship": "Head of Year 7",
            "adult_contact": "h.price@example.org",
            "consent_name": "Emma Wright",
            "consent_relationship": "Mum",
            "consent_contact": "emma.wright@example.org",
            "showcase_name": "Noah",
        },
        "lines": [("Ten board games", "250"), ("Snacks for the first term", "50")],
    },
    {
        "email": "garden@example.org",
        "first_name": "Isla",
        "last_name": "Morgan",
        "age": 16,
        "fields": {
            "title": "Sensory garden at the day centre",
            "helps": "group",
            "who_it_helps": "Adults with learning disabilities who go to the day centre where "
            "I volunteer.",
            "people_helped": 40,
            "wellbeing": "A calm garden with things to touch and smell gives people somewhere "
            "peaceful to be when the centre is noisy.",
            "plan": "March: plan it with the people who use the centre. April: buy and plant. "
            "May: an opening afternoon.",
            "amount": "800",
            "school": "Hillview School for Girls",
            "adult_name": "Joe Morgan",
            "adult_relationship": "My dad",
            "adult_contact": "joe.morgan@example.org",
            "showcase_name": "Isla M",
        },
        "lines": [
            ("Raised beds", "350"),
            ("Plants and herbs", "250"),
            ("Wind chimes and a water feature", "200"),
        ],
    },
]

AMIRA_DRAFT = {
    "title": "Knit and Natter",
    "helps": "group",
    "who_it_helps": "Older people at the lunch club in our village hall.",
    "wellbeing": "Knitting together gives people a reason to come and someone to talk to.",
    "amount": "350",
}
AMIRA_LINES = [("Wool and needles", "200"), ("Tea and cake", "100")]


def _birthday(age: int) -> date:
    return date(timezone.localdate().year - age, 1, 1)


def _young(email, first, last, age, worker):
    from allauth.account.models import EmailAddress

    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "date_of_birth": _birthday(age),
            "created_by": worker,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        role_grant(user=user, role=Role.YOUNG_PERSON, granted_by=worker)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return User.objects.get(pk=user.pk)


def _apply(round_, person, project):
    application = services.application_start(
        actor=person, round=round_, title=project["fields"]["title"]
    )
    return services.application_submit(
        actor=person, application=application, lines=project["lines"], **project["fields"]
    )


def _score(reviewer, application, values):
    item = Item.objects.get(panel_id=application.round.panel_id, ref=application.item_ref)
    criteria = list(application.round.panel.rubric.criteria.order_by("number"))
    comments = {
        "Wellbeing": "It would really help people feel better.",
        "Who it helps": "It is clear who it is for.",
        "The plan": "Good steps and dates.",
        "Value for money": "The costs look right.",
    }
    scores = {
        c.pk: (v, comments.get(c.title, "Good.") if v is not None else "Not needed here.")
        for c, v in zip(criteria, values, strict=True)
    }
    scoring.sheet_save(actor=reviewer, item=item, scores=scores)
    scoring.sheet_submit(actor=reviewer, item=item)


def _picture() -> SimpleUploadedFile:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), (40, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile("pond.png", buffer.getvalue(), content_type="image/png")


def _receipt() -> SimpleUploadedFile:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile("receipt.pdf", pdf, content_type="application/pdf")


def _reviewers(worker):
    ambassador = User.objects.get(email="ambassador@example.org")
    leah = _young("leah@example.org", "Leah", "Hughes", 17, worker)
    module = TrainingModule.objects.filter(title=REVIEWER_MODULE).first()
    if module is not None:
        for person in (ambassador, leah):
            if is_trained(person, "grant_reviewer"):
                continue
            training_complete(
                user=person,
                module=module,
                completed_on=timezone.localdate() - timedelta(days=60),
                method="face_to_face",
                signed_off_by=worker,
            )
    return ambassador, leah


def _finished_round(worker, reviewers):
    now = timezone.now()
    round_ = services.round_create(
        actor=worker,
        name=FINISHED,
        summary="Grants for young people aged 11 to 16 in Kent who want to do something for "
        "other people's wellbeing.",
        budget="5000",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(hours=1),
        review_deadline=now + timedelta(hours=2),
    )
    for reviewer in reviewers:
        services.reviewer_add(actor=worker, round=round_, person=reviewer)
    applications = []
    for project in FINISHED_PROJECTS:
        person = _young(
            project["email"], project["first_name"], project["last_name"], project["age"], worker
        )
        applications.append((_apply(round_, person, project), project))
    for application, project in applications:
        for reviewer, values in zip(reviewers, project["scores"], strict=True):
            _score(reviewer, application, values)
    for application, project in applications:
        if application.consent_needed:
            services.consent_confirm(actor=worker, application=application, how="On the phone")
        services.application_decide(
            actor=worker, application=application, outcome="award", reason=project["reason"]
        )
    scoring.panel_close(actor=worker, panel=round_.panel)
    for application, project in applications:
        award = Application.objects.get(pk=application.pk).award
        services.payment_record(
            actor=worker, award=award, paid_on=timezone.localdate(), method="bank_transfer"
        )
        services.receipt_add(
            actor=worker,
            award=award,
            what=project["lines"][0][0],
            amount=project["lines"][0][1],
            upload=_receipt(),
        )
        visit = services.visit_plan(
            actor=worker,
            award=award,
            starts_at=now - timedelta(hours=3),
            place="At the project",
        )
        photos = [(_picture(), "The new benches", True)] if project is FINISHED_PROJECTS[0] else []
        services.visit_record(
            actor=worker,
            visit=visit,
            happened=True,
            money_used=f"On what the budget said: {project['lines'][0][0].lower()} and more. "
            "We saw the receipts.",
            people_said=project["said"],
            wellbeing="much_better",
            people_helped=project["fields"]["people_helped"],
            photos=photos,
        )
        entry = services.showcase_suggest(
            actor=worker, application=application, story=project["story"], quote=project["quote"]
        )
        services.showcase_publish(actor=worker, entry=entry)
    # Back to 2020, where this round really was.
    Round.objects.filter(pk=round_.pk).update(
        opens_at=timezone.make_aware(datetime(2020, 1, 13, 9)),
        closes_at=timezone.make_aware(datetime(2020, 2, 28, 17)),
        review_deadline=timezone.make_aware(datetime(2020, 3, 20, 17)),
        review_reminder_sent_at=timezone.make_aware(datetime(2020, 3, 17, 16)),
    )
    Application.objects.filter(round=round_).update(
        created_at=timezone.make_aware(datetime(2020, 2, 1, 10)),
        submitted_at=timezone.make_aware(datetime(2020, 2, 20, 10)),
        applied_on=date(2020, 2, 20),
        decided_at=timezone.make_aware(datetime(2020, 3, 27, 18)),
    )
    return round_


def _open_round(worker, reviewers):
    now = timezone.now()
    year = timezone.localdate().year
    round_ = services.round_create(
        actor=worker,
        name=f"Pay it Forward {year}",
        summary="Grants of £250 to £1,000 for young people aged 11 to 16 in Kent who want to "
        "do something for other people's wellbeing: one person or a group, of any age.",
        budget="6000",
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=30),
        review_deadline=now + timedelta(days=44),
    )
    for reviewer in reviewers:
        services.reviewer_add(actor=worker, round=round_, person=reviewer)
    for project in OPEN_PROJECTS:
        person = _young(
            project["email"], project["first_name"], project["last_name"], project["age"], worker
        )
        _apply(round_, person, project)
    amira = User.objects.get(email="young@example.org")
    draft = services.application_start(actor=amira, round=round_, title=AMIRA_DRAFT["title"])
    services.application_save(actor=amira, application=draft, lines=AMIRA_LINES, **AMIRA_DRAFT)
    return round_


@transaction.atomic
def seed_grants(stdout) -> None:
    if Round.objects.filter(name=FINISHED).exists():
        stdout.write("  grants: already there")
        return
    worker = User.objects.get(email="worker@example.org")
    reviewers = _reviewers(worker)
    finished = _finished_round(worker, reviewers)
    current = _open_round(worker, reviewers)
    stdout.write(
        f"  grants: {finished.name} (3 projects funded, visited and on the showcase), "
        f"{current.name} open with {current.applications.count()} applications, "
        f"{Visit.objects.count()} visits"
    )
