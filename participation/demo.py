"""Demo data from the seed documents: real organisations, boards and one account per role."""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from participation.models import Group, GroupKind, Organisation, OrganisationKind, Role, User
from participation.services import consent_record, role_grant

DEMO_PASSWORD = "youth-voice-demo"
# Documented for local use only: add it to any authenticator app, or run
# `python manage.py demo_totp <email>` to print the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ORGANISATIONS = [
    ("City of Wolverhampton Council", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("HeadStart Wolverhampton", OrganisationKind.PROGRAMME, "Wolverhampton"),
    ("Wolverhampton Participation Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Transitions Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Youth Offending Team", OrganisationKind.COUNCIL, "Wolverhampton"),
    ("Kent County Council", OrganisationKind.COUNCIL, "Kent"),
    ("HeadStart Kent", OrganisationKind.PROGRAMME, "Kent"),
    ("Kent Clinical Commissioning Group", OrganisationKind.NHS, "Kent"),
    ("Bilston Youth Project", OrganisationKind.PROVIDER, "Bilston"),
    # Schools, community groups and specialist services the seeds name, so a worker can
    # choose them as polling stations straight away.
    ("Heath Park School", OrganisationKind.SCHOOL, "Wolverhampton"),
    ("Changing Our Lives", OrganisationKind.CHARITY, "Wolverhampton"),
    ("Lego Club", OrganisationKind.COMMUNITY, "Kent"),
    ("Kent Mind", OrganisationKind.CHARITY, "Kent"),
    ("Self Esteem Team", OrganisationKind.CHARITY, "Kent"),
    ("Kent CAMHS", OrganisationKind.SERVICE, "Kent"),
]

BOARDS = [
    "Growing Well Board",
    "Corporate Parenting Board",
    "Children and Families Together Board",
    "Youth Partnership Board",
    "HeadStart Shadow Board",
    "SEND Challenge Board",
    "Children and Young People Scrutiny Panel",
    "Youth Offending Management Board",
]

# email, first name, last name, age (None for adults), roles, needs MFA
ACCOUNTS = [
    ("young@example.org", "Amira", "Khan", 15, [Role.YOUNG_PERSON]),
    ("ambassador@example.org", "Jordan", "Clarke", 19, [Role.YOUNG_PERSON, Role.BOARD_MEMBER]),
    ("parent@example.org", "Sam", "Patel", None, [Role.PARENT_CARER]),
    ("worker@example.org", "Priya", "Sharma", None, [Role.WORKER]),
    ("professional@example.org", "Dan", "Evans", None, [Role.PROFESSIONAL]),
    ("officer@example.org", "Helen", "Morris", None, [Role.OFFICER]),
    ("board@example.org", "Councillor Grace", "Ade", None, [Role.BOARD_MEMBER]),
    ("provider@example.org", "Tom", "Baker", None, [Role.PROVIDER]),
    ("admin@example.org", "Alex", "Admin", None, [Role.ADMINISTRATOR]),
]


def _birthday_for_age(age: int) -> date:
    # 1 January: the birthday has always passed this year, so the age is exactly `age`.
    return date(timezone.localdate().year - age, 1, 1)


def _user(email, first_name, last_name, age, *, created_by=None):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "created_by": created_by,
            "date_of_birth": _birthday_for_age(age) if age else None,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


@transaction.atomic
def seed_base(stdout) -> None:
    organisations = {
        name: Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "kind": kind, "area": area}
        )[0]
        for name, kind, area in ORGANISATIONS
    }
    boards = {
        name: Group.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "kind": GroupKind.BOARD}
        )[0]
        for name in BOARDS
    }
    council = organisations["City of Wolverhampton Council"]
    users = {}
    for email, first, last, age, roles in ACCOUNTS:
        user = _user(email, first, last, age)
        users[email] = user
        for role in roles:
            organisation = council if role in (Role.OFFICER, Role.WORKER) else None
            if role == Role.PROVIDER:
                organisation = organisations["Bilston Youth Project"]
            group = None
            if role == Role.BOARD_MEMBER:
                group = boards["HeadStart Shadow Board" if age else "Growing Well Board"]
            role_grant(user=user, role=role, organisation=organisation, group=group)
        if (
            user.has_staff_role
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
    admin = users["admin@example.org"]
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])

    worker = users["worker@example.org"]
    child = _user("child@example.org", "Leo", "Patel", 11, created_by=worker)
    role_grant(user=child, role=Role.YOUNG_PERSON, granted_by=worker)
    if not child.consents.exists():
        consent_record(
            child=child,
            recorded_by=worker,
            given_by_name="Sam Patel",
            relationship="Dad",
            how_given="in_person",
            contact="parent@example.org",
        )
    stdout.write(
        f"  base: {len(organisations)} organisations, {len(boards)} boards, "
        f"{len(users) + 1} demo accounts"
    )


# --- Training and activities ----------------------------------------------------------------
# Module names and what they unlock come from the seeds: the CiCC's induction, interview and
# Total Respect training; Kent's co-production training written by young people (face to face
# for staff, then e-learning); Pay it Forward peer reviewers; trained young commissioners.

CO_PRODUCTION_LESSONS = [
    (
        "What co-production means",
        "Co-production means young people and adults working together as equals.\n\n"
        'Young people in Wolverhampton said it is "not just a word". It is a meeting of minds '
        "coming together to find a shared answer.\n\n"
        "It means you are part of it from the start to the end:\n"
        "- planning what to do\n"
        "- deciding how to do it\n"
        "- doing it together\n"
        "- checking if it worked",
    ),
    (
        "The ladder of participation",
        "The ladder shows how much say young people really have. The top rung is the most say.\n\n"
        "- Co-production: young people and adults are equal partners, from start to end.\n"
        "- Co-design: young people help design it, but are not part of seeing it through.\n"
        "- Engagement: young people have more chances to have their say, and can change some "
        "things.\n"
        "- Consultation: young people are asked what they think, but have no power to change "
        "things.\n"
        "- Informing: adults tell young people what was decided and why.\n"
        "- Educating: young people are helped to understand how something works.\n"
        "- Coercion: young people's views are not taken into account at all.\n\n"
        "After an activity you can tell us which rung you think it really reached.",
    ),
    (
        "The Co-Production Charter",
        "In January 2019 young people and families in Wolverhampton wrote the Co-Production "
        "Charter with HeadStart. Organisations that sign it make promises to work with young "
        "people.\n\n"
        "Its principles are:\n"
        "- trust\n"
        "- shared understanding\n"
        "- equal partnership\n"
        "- creative thinking\n"
        "- communication\n\n"
        'One promise is "to support each other in developing our knowledge and skills". '
        "This training is part of that promise.",
    ),
    (
        "How adults should work with you",
        "Young people in SpeakOut wrote the Kent Youth Charter. It says how staff and "
        "volunteers should behave when they work with young people.\n\n"
        "Staff should be:\n"
        "- respectful and kind\n"
        "- including and accepting\n"
        "- honest, and working to earn young people's trust\n"
        "- supporting young people to grow and learn from their experiences\n\n"
        "If something does not feel right, you can always tell a participation worker.",
    ),
]

CO_PRODUCTION_QUESTIONS = [
    (
        "What does co-production mean?",
        1,
        [
            ("Adults decide, then tell young people what will happen", False),
            ("Young people and adults work together as equals, from start to end", True),
            ("Young people fill in a survey", False),
        ],
    ),
    (
        "Which rung is at the top of the ladder of participation?",
        2,
        [("Consultation", False), ("Co-production", True), ("Informing", False)],
    ),
    (
        "You are asked what you think, but you have no power to change anything. Which rung is "
        "that?",
        2,
        [("Consultation", True), ("Co-design", False), ("Co-production", False)],
    ),
    (
        "Which of these is one of the Co-Production Charter's principles?",
        3,
        [("Adults know best", False), ("Equal partnership", True), ("Keeping secrets", False)],
    ),
    (
        "The Kent Youth Charter says staff working with young people should be...",
        4,
        [
            ("Respectful and kind", True),
            ("In charge of everything", False),
            ("Too busy to listen", False),
        ],
    ),
]

REVIEWER_LESSONS = [
    (
        "What Pay it Forward is",
        "Pay it Forward gives grants of £250 to £1,000 to young people aged 11 to 16.\n\n"
        "The money pays for something that helps other people's wellbeing. Young people made "
        "a community pond easier to reach, made hampers for older people in care homes, and "
        "started a Lego Club for young people with autism.\n\n"
        "Young people designed the scheme, and young people decide who gets the money.",
    ),
    (
        "How to review an application",
        "You read each application on your own first, and score it.\n\n"
        "- Read the whole application before you score it.\n"
        "- Ask: who will it help, and how?\n"
        "- Ask: is there a trusted adult to look after the money?\n"
        "- Score each question on its own.\n\n"
        "If you know the person who applied, say so. You will not score that one.",
    ),
    (
        "Being fair and keeping things private",
        "Applications are private. Don't share them or talk about them outside the panel.\n\n"
        "Be kind in what you write. Another young person will read your feedback.",
    ),
]

REVIEWER_QUESTIONS = [
    (
        "How much can a Pay it Forward grant be?",
        1,
        [("£250 to £1,000", True), ("£5 to £50", False), ("£10,000", False)],
    ),
    (
        "You know the person who wrote an application. What do you do?",
        2,
        [
            ("Give them a high score", False),
            ("Say so, and don't score it", True),
            ("Tell them what others scored", False),
        ],
    ),
    (
        "Can you show an application to your friends?",
        3,
        [("Yes, if they ask", False), ("No, applications are private", True)],
    ),
]

MODULES = [
    # title, summary, audience, delivery, unlocks, months, minutes, lessons, questions
    (
        "Induction",
        "Your first session when you join a forum like the Children in Care Council. You meet "
        "the team, learn how meetings work, and agree how we look after each other.",
        "young_people",
        "face_to_face",
        [],
        None,
        120,
        [],
        [],
    ),
    (
        "Interview training",
        "Learn how to sit on an interview panel and ask good questions. Young people help to "
        "choose staff, like the HeadStart coordinators interviewed by young people from Heath "
        "Park.",
        "young_people",
        "face_to_face",
        ["recruitment_panel"],
        24,
        180,
        [],
        [],
    ),
    (
        "Total Respect",
        "Training led by young people in care about what respect looks like for children in "
        "care. For Children in Care Council members and the staff who work with them.",
        "both",
        "face_to_face",
        ["working_with_young_people"],
        36,
        240,
        [],
        [],
    ),
    (
        "Co-production e-learning",
        "What co-production is, the ladder of participation and the Co-Production Charter, in "
        "four short lessons and a quiz. Written with young people, like Kent's co-production "
        "e-learning.",
        "young_people",
        "e_learning",
        [],
        24,
        30,
        CO_PRODUCTION_LESSONS,
        CO_PRODUCTION_QUESTIONS,
    ),
    (
        "Co-production for staff",
        "Face-to-face training for adults, written and delivered by young people. Compulsory "
        "for staff who take part in co-production with young people.",
        "staff",
        "face_to_face",
        ["working_with_young_people"],
        24,
        180,
        [],
        [],
    ),
    (
        "Pay it Forward reviewer",
        "Learn how to review Pay it Forward grant applications fairly and kindly, so you can "
        "help decide who gets the money.",
        "young_people",
        "e_learning",
        ["grant_reviewer"],
        12,
        30,
        REVIEWER_LESSONS,
        REVIEWER_QUESTIONS,
    ),
    (
        "Commissioning evaluator",
        "Training for young people who score bids from organisations that want to run a "
        "service, then question them at a Dragon's Den panel.",
        "young_people",
        "face_to_face",
        ["commissioning_evaluator"],
        24,
        240,
        [],
        [],
    ),
    (
        "Young inspector",
        "Learn how to visit a service, see it through young people's eyes and write a fair "
        "report on what works and what should change.",
        "young_people",
        "face_to_face",
        ["young_inspector"],
        24,
        180,
        [],
        [],
    ),
]


def _seed_modules(worker) -> dict:
    from participation.models import TrainingModule
    from participation.services import (
        lesson_create,
        question_create,
        training_module_create,
        training_module_update,
    )

    modules = {}
    for title, summary, audience, delivery, unlocks, months, minutes, lessons, questions in MODULES:
        module = TrainingModule.objects.filter(title=title).first()
        if module is None:
            module = training_module_create(
                created_by=worker,
                title=title,
                summary=summary,
                audience=audience,
                delivery=delivery,
                unlocks=unlocks,
                valid_for_months=months,
                duration_minutes=minutes,
                pass_mark=80,
                is_published=delivery == "face_to_face",
            )
            made = [
                lesson_create(module=module, edited_by=worker, title=t, body=b) for t, b in lessons
            ]
            for text, lesson_number, choices in questions:
                question_create(
                    module=module,
                    edited_by=worker,
                    text=text,
                    choices=choices,
                    lesson=made[lesson_number - 1],
                )
            if not module.is_published:
                module = training_module_update(
                    module=module,
                    updated_by=worker,
                    title=title,
                    summary=summary,
                    audience=audience,
                    delivery=delivery,
                    unlocks=unlocks,
                    valid_for_months=months,
                    duration_minutes=minutes,
                    pass_mark=80,
                    is_published=True,
                )
        modules[title] = module
    return modules


def _at(days: int, hour: int, minute: int = 0):
    from datetime import datetime, time

    day = timezone.localdate() + timezone.timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def seed_training_and_activities(stdout) -> None:
    from participation.models import Activity, ActivitySignup
    from participation.services import (
        activity_create,
        activity_signup,
        attendance_record,
        training_complete,
        training_group_signoff,
    )

    worker = User.objects.get(email="worker@example.org")
    young = User.objects.get(email="young@example.org")
    ambassador = User.objects.get(email="ambassador@example.org")
    child = User.objects.get(email="child@example.org")
    modules = _seed_modules(worker)

    activities = [
        dict(
            title="Open Space event: what matters most to you?",
            description="Young people choose the topics. Bring what matters to you, join the "
            "groups you care about, and plan what to do next with people who can make it "
            "happen.",
            kind="open_space",
            starts_at=_at(14, 10),
            ends_at=_at(14, 15),
            place="Wolverhampton Civic Hall, North Street",
            access_info="Step-free entrance on North Street. Quiet room on the first floor. "
            "Lunch provided: tell us what you can't eat. Bus fares paid back.",
            capacity=80,
            planned_rung="co_production",
        ),
        dict(
            title="SpeakOut session: design a MoodSpark page",
            description="Help design a new page for the MoodSpark website. No design skills "
            "needed, just your ideas.",
            kind="speakout",
            starts_at=_at(6, 17),
            ends_at=_at(6, 19),
            place="HeadStart Kent, Maidstone",
            access_info="Ground floor. Pizza and drinks.",
            min_age=11,
            max_age=22,
            capacity=2,
            planned_rung="co_design",
        ),
        dict(
            title="The Big Conversation",
            description="An event led by young people, on ways to look after our own and our "
            "friends' wellbeing and resilience.",
            kind="big_conversation",
            starts_at=_at(30, 10),
            ends_at=_at(30, 16),
            place="Kent Event Centre, Detling",
            access_info="Free coach from Maidstone. Step-free. Chill-out space all day.",
            capacity=200,
            planned_rung="engagement",
        ),
        dict(
            title="Interview training session",
            description="Practise being on an interview panel: writing questions, listening "
            "and scoring fairly. Afterwards you can sit on staff interview panels.",
            kind="training",
            starts_at=_at(9, 16),
            ends_at=_at(9, 19),
            place="Co-Production Hub, Wolverhampton",
            access_info="Lift to the second floor. Snacks provided.",
            min_age=13,
            max_age=25,
            capacity=12,
            planned_rung="educating",
            training_module=modules["Interview training"],
        ),
        dict(
            title="Make Your Mark workshop",
            description="We looked at this year's Make Your Mark topics and chose the Youth "
            "Council's campaigns.",
            kind="workshop",
            starts_at=_at(-20, 17),
            ends_at=_at(-20, 19),
            place="Wolverhampton Civic Centre",
            access_info="Step-free.",
            capacity=30,
            planned_rung="engagement",
        ),
        dict(
            title="Children in Care Council induction",
            description="A first session for new members: meet the team and agree how we work.",
            kind="training",
            starts_at=_at(-40, 16),
            ends_at=_at(-40, 18),
            place="Co-Production Hub, Wolverhampton",
            access_info="Lift to the second floor.",
            planned_rung="educating",
            training_module=modules["Induction"],
        ),
    ]
    made = {}
    for spec in activities:
        activity = Activity.objects.filter(title=spec["title"]).first()
        if activity is None:
            future = spec["starts_at"] > timezone.now()
            activity = activity_create(created_by=worker, **spec)
            if future:
                for person in (young, ambassador, child):
                    if spec.get("min_age") and (person.age() or 0) < spec["min_age"]:
                        continue
                    activity_signup(activity=activity, user=person)
        made[spec["title"]] = activity

    workshop = made["Make Your Mark workshop"]
    induction = made["Children in Care Council induction"]
    for activity in (workshop, induction):
        for person in (young, ambassador):
            ActivitySignup.objects.get_or_create(
                activity=activity, user=person, defaults={"status": "confirmed"}
            )
    attendance_record(
        activity=workshop,
        recorded_by=worker,
        statuses={young.pk: "present", ambassador.pk: "apologies"},
    )
    attendance_record(
        activity=induction,
        recorded_by=worker,
        statuses={young.pk: "present", ambassador.pk: "present"},
    )
    training_group_signoff(
        module=modules["Induction"],
        people=[young, ambassador],
        signed_off_by=worker,
        completed_on=timezone.localdate(induction.starts_at),
        activity=induction,
    )
    for title in ("Pay it Forward reviewer", "Commissioning evaluator"):
        training_complete(
            user=ambassador,
            module=modules[title],
            completed_on=timezone.localdate() - timezone.timedelta(days=60),
            method="e_learning" if modules[title].is_e_learning else "face_to_face",
            signed_off_by=None if modules[title].is_e_learning else worker,
        )
    stdout.write(f"  training and activities: {len(modules)} modules, {len(made)} activities")
