"""Demo forums from the seed documents (Wolverhampton's Youth Voice, HeadStart Kent).

Idempotent: a forum that already exists is left alone, so `seed_demo` can run again.
"""

from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from forums import services
from forums.models import (
    AgendaItemKind,
    CareStatusKind,
    CareStatusNeeded,
    Forum,
    JoinRoute,
    MeetingKind,
    MemberRole,
)
from participation.demo import DEMO_PASSWORD
from participation.models import LadderRung, Organisation, Role, RoleAssignment, User

FORUMS = [
    {
        "name": "Youth Council",
        "organisation": "City of Wolverhampton Council",
        "summary": "Young people elected by their school, community group or specialist service "
        "who help the council make decisions about services for young people.",
        "description": "The Youth Council helps the council make services better for young "
        "people: community engagement, health and wellbeing, children and young people, and "
        "changes to the city. It has two seats on the Children and Young People's Scrutiny Panel "
        "and the Community Cohesion Board, and joins the council's scrutiny away days. It leads "
        "Make Your Mark for the city and uses the results to shape what the council looks at. "
        "Two Youth MPs and two Youth Crime Commissioners are elected from the group. It holds an "
        "Annual General Meeting (AGM) and shares its annual report with Council Leaders.",
        "join_route": JoinRoute.ELECTION,
        "how_to_join": "Your school, community group or specialist service holds an election. "
        "Stand, and if you are elected you join the Youth Council.",
        "min_age": 11,
        "max_age": 18,
        "meets": "Once a month, with task groups in between. An AGM once a year.",
    },
    {
        "name": "Children in Care Council",
        "organisation": "City of Wolverhampton Council",
        "summary": "Young people in care who make sure their views shape the services for "
        "children in care.",
        "description": "The Children in Care Council (CiCC) is for young people aged 11 to 18 "
        "in the care of the council: living with foster carers, in residential homes, with "
        "friends and family carers, or on their own. Members do induction training and "
        "interview training, and some do Total Respect training. Twice a year they meet the "
        "Corporate Parenting Board, and they give their views on every report sent to it. They "
        "also go to national forums through the National Children's Bureau. Every council must "
        "have one (Care Matters White Paper 2007).",
        "join_route": JoinRoute.NOMINATION,
        "how_to_join": "Your social worker, Independent Reviewing Officer (IRO), foster carer "
        "or another professional puts you forward. Then you choose if you want to join.",
        "min_age": 11,
        "max_age": 18,
        "care_status_needed": CareStatusNeeded.IN_CARE,
        "meets": "Once a month, and twice a year with the Corporate Parenting Board.",
    },
    {
        "name": "Care Leavers Forum (CLIC)",
        "organisation": "Transitions Team",
        "summary": "The Care Leaver Independent Collective: care leavers giving their views to "
        "officers, and supporting each other.",
        "description": "CLIC is for young people aged 18 to 25 who are supported by the "
        "Transitions Team, the council's leaving care team. Members live on their own, with a "
        "host, or are staying put with foster carers. Each monthly meeting has an hour and a "
        "half looking at new policies and services and giving feedback to officers, plus peer "
        "support, because leaving care can be lonely. CLIC also takes part in the National "
        "Care Leaver Covenant and the National Benchmarking Forum.",
        "join_route": JoinRoute.NOMINATION,
        "how_to_join": "Your Young Person's Advisor (YPA) or social worker puts you forward. "
        "Seen our advert? Ask your YPA.",
        "min_age": 18,
        "max_age": 25,
        "care_status_needed": CareStatusNeeded.CARE_LEAVER,
        "meets": "Once a month, with peer support.",
    },
    {
        "name": "B-Safe Team",
        "organisation": "Wolverhampton Participation Team",
        "summary": "Wolverhampton's Junior Safeguarding Children Board: young people helping "
        "to keep young people safe.",
        "description": "The B-Safe Team makes sure young people's voices are heard in "
        "safeguarding across the city. Members get involved in safeguarding activities and "
        "decisions, help shape how young people are kept safe, and help parents and "
        "professionals understand safeguarding better.",
        "join_route": JoinRoute.APPLICATION,
        "meets": "Regularly through the year. Ask a participation worker when.",
    },
    {
        "name": "HeadStart Ambassadors",
        "organisation": "HeadStart Wolverhampton",
        "summary": "Young people aged 16 to 25 who help younger people be heard, and sit on the "
        "HeadStart Shadow Board.",
        "description": "HeadStart Ambassadors run groups for young people aged 10 to 16 and "
        "help deliver HeadStart's programmes and projects. They share young people's views "
        "with professionals. Ambassadors sit on the HeadStart Shadow Board, which has real "
        "power to make decisions and to challenge and support HeadStart's leaders.",
        "join_route": JoinRoute.APPLICATION,
        "min_age": 16,
        "max_age": 25,
        "meets": "Regularly, alongside HeadStart sessions. The Shadow Board meets too.",
    },
    {
        "name": "Voices in Youth Justice",
        "organisation": "Youth Offending Team",
        "summary": "Young people with experience of youth justice, helping the Youth Offending "
        "Team support young people better.",
        "description": "Members have been through the youth justice process in Wolverhampton. "
        "They look at ways the Youth Offending Team can better support young people using it, "
        "and meet the Youth Offending Management Board once a year.",
        "join_route": JoinRoute.NOMINATION,
        "how_to_join": "Your Youth Offending Team worker or another professional puts you "
        "forward. Then you choose if you want to join.",
        "is_private": True,
        "meets": "Once a month, and once a year with the Youth Offending Management Board.",
    },
    {
        "name": "Changing Our Lives",
        "organisation": "City of Wolverhampton Council",
        "summary": "Young people with special educational needs and disabilities (SEND) "
        "shaping the SEND Local Offer.",
        "description": "Members look at the Special Educational Needs Local Offer and go to "
        "focus groups to give their views. They work with Changing Our Lives on how the Local "
        "Offer talks to children and young people with a range of disabilities and SEN.",
        "join_route": JoinRoute.APPLICATION,
        "is_private": True,
        "meets": "Once a month, plus focus groups.",
    },
    {
        "name": "SpeakOut",
        "organisation": "HeadStart Kent",
        "summary": "Fun sessions where young people in Kent help design and check HeadStart "
        "services, learn new skills and make friends.",
        "description": "SpeakOut groups are run by young people and trained staff. You can "
        "learn presentation skills, design resources, speak to stakeholders, peer review Pay it "
        "Forward grant applications, help recruit HeadStart staff, and help with the MoodSpark "
        "website. SpeakOut wrote the Kent Youth Charter and training for adults on "
        "co-production.",
        "join_route": JoinRoute.OPEN,
        "min_age": 10,
        "max_age": 22,
        "area": "Kent",
        "meets": "Regular sessions across Kent.",
    },
    {
        "name": "Kent Youth County Council",
        "organisation": "Kent County Council",
        "summary": "Elected young people aged 11 to 18 who speak up for young people in Kent "
        "and run campaigns.",
        "description": "Any young person aged 11 to 18 who lives and goes to school in Kent can "
        "stand. Candidates write a manifesto and present it in schools, where voting happens "
        "with ballot papers and boxes. There are 8 elected members and 12 community seats for "
        "young people who are under-represented, including young people from Black and "
        "minority ethnic backgrounds, young carers and disabled young people. Recent campaigns: "
        "mental health and wellbeing, tackling poverty, and climate change.",
        "join_route": JoinRoute.ELECTION,
        "min_age": 11,
        "max_age": 18,
        "area": "Kent",
        "meets": "Regularly at Kent County Council.",
    },
]

# email, first name, last name, age, area, care status, forums joined (name, office or None)
YOUNG_PEOPLE = [
    ("young@example.org", None, None, None, "", None, [("Youth Council", MemberRole.YOUTH_MP)]),
    (
        "ambassador@example.org",
        None,
        None,
        None,
        "",
        None,
        [("HeadStart Ambassadors", MemberRole.SHADOW_BOARD_MEMBER)],
    ),
    (
        "ruby@example.org",
        "Ruby",
        "Shah",
        16,
        "Bilston",
        None,
        [("Youth Council", MemberRole.CHAIR)],
    ),
    ("kai@example.org", "Kai", "Ward", 14, "Wednesfield", None, [("Youth Council", None)]),
    (
        "ellie@example.org",
        "Ellie",
        "Brown",
        14,
        "Whitmore Reans",
        CareStatusKind.IN_CARE,
        [("Children in Care Council", MemberRole.VICE_CHAIR)],
    ),
    (
        "marcus@example.org",
        "Marcus",
        "Okafor",
        20,
        "Tettenhall",
        CareStatusKind.CARE_LEAVER,
        [("Care Leavers Forum (CLIC)", None)],
    ),
    ("maya@example.org", "Maya", "Fletcher", 13, "Kent", None, [("SpeakOut", None)]),
]


# The Youth Council's members joined two years ago, so last year's annual report counts them.
JOINED = {"Youth Council": timezone.localdate() - timedelta(days=730)}


def _birthday(age: int) -> date:
    return date(timezone.localdate().year - age, 1, 1)


def _person(email, first_name, last_name, age, area) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            date_of_birth=_birthday(age),
            area=area,
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
        RoleAssignment.objects.get_or_create(user=user, role=Role.YOUNG_PERSON)
    return user


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def seed_forums(stdout) -> None:
    worker = User.objects.get(email="worker@example.org")
    organisations = {o.name: o for o in Organisation.objects.all()}
    forums: dict[str, Forum] = {}
    added = 0
    for spec in FORUMS:
        spec = dict(spec)
        name = spec.pop("name")
        forum = Forum.objects.filter(group__slug=slugify(name)).select_related("group").first()
        if forum is None:
            forum = services.forum_create(
                created_by=worker,
                name=name,
                organisation=organisations.get(spec.pop("organisation")),
                **spec,
            )
            added += 1
        forums[name] = forum
    if not added:
        stdout.write("  forums: already there")
        return

    for email, first, last, age, area, care, joined in YOUNG_PEOPLE:
        person = (
            User.objects.get(email=email)
            if first is None
            else _person(email, first, last, age, area)
        )
        if care:
            services.care_status_set(person=person, status=care, recorded_by=worker)
        for forum_name, office in joined:
            forum = forums[forum_name]
            services.membership_add(
                forum=forum, person=person, added_by=worker, started_on=JOINED.get(forum_name)
            )
            if office:
                services.member_role_give(forum=forum, person=person, role=office, given_by=worker)

    youth_council = forums["Youth Council"]
    make_your_mark = services.task_group_create(
        forum=youth_council,
        name="Make Your Mark",
        purpose="Runs Make Your Mark for the city (9,801 young people took part) and turns the "
        "top issues into campaigns for the Youth Council.",
        created_by=worker,
    )
    services.task_group_create(
        forum=youth_council,
        name="Being Healthy",
        purpose="Works on the #YES theme Being Healthy: young people's emotional and mental "
        "wellbeing.",
        created_by=worker,
    )
    ruby = User.objects.get(email="ruby@example.org")
    services.task_group_member_add(task_group=make_your_mark, person=ruby, added_by=worker)

    officer = User.objects.get(email="officer@example.org")
    policy = services.policy_item_propose(
        forum=youth_council,
        brought_by=officer,
        title="Refreshing the Youth Engagement Strategy (#YES)",
        summary="The council is checking its Youth Engagement Strategy. Its three themes are "
        "Being Healthy, Being Connected and Being You.",
        questions="Are these still the right themes? What should the council do first?",
    )
    last_month = services.meeting_create(
        forum=youth_council,
        created_by=worker,
        title="Youth Council monthly meeting",
        description="Make Your Mark results, and planning this year's campaigns.",
        starts_at=_at(-21, 17),
        ends_at=_at(-21, 19),
        place="Civic Centre, St Peter's Square, Wolverhampton",
        access_info="Step-free entrance on St Peter's Square. Quiet room available. Food provided.",
        planned_rung=LadderRung.CO_PRODUCTION,
    )
    item = services.agenda_item_add(
        meeting=last_month,
        added_by=worker,
        title="Make Your Mark results",
        kind=AgendaItemKind.DECISION,
        details="Choosing the campaigns to take forward.",
    )
    services.minutes_save(
        meeting=last_month,
        saved_by=worker,
        minutes="Twelve members came. We looked at the Make Your Mark results and chose two "
        "campaigns: mental health support in schools, and cheaper buses for young people.",
        item_notes={item.pk: "Members voted for mental health support and cheaper buses."},
    )
    action = services.action_add(
        meeting=last_month,
        added_by=worker,
        description="Ask the council's transport team about cheaper bus fares for young people.",
        owner=ruby,
        due_on=timezone.localdate() + timedelta(days=14),
        agenda_item=item,
    )
    services.action_raise_you_said(action=action, raised_by=worker)
    next_month = services.meeting_create(
        forum=youth_council,
        created_by=worker,
        title="Youth Council monthly meeting",
        description="Views on the Youth Engagement Strategy, and an update on the campaigns.",
        starts_at=_at(9, 17),
        ends_at=_at(9, 19),
        place="Civic Centre, St Peter's Square, Wolverhampton",
        access_info="Step-free entrance on St Peter's Square. Quiet room available. Food provided.",
        capacity=30,
        planned_rung=LadderRung.CO_PRODUCTION,
    )
    services.agenda_item_add(meeting=next_month, added_by=worker, policy_item=policy)
    services.agenda_item_add(
        meeting=next_month,
        added_by=worker,
        title="Campaign update: cheaper buses",
        kind=AgendaItemKind.UPDATE,
    )

    cicc = forums["Children in Care Council"]
    cicc_meeting = services.meeting_create(
        forum=cicc,
        created_by=worker,
        title="Children in Care Council meeting with the Corporate Parenting Board",
        description="One of our two meetings a year with the Corporate Parenting Board.",
        starts_at=_at(16, 16),
        ends_at=_at(16, 18),
        place="Civic Centre, Wolverhampton",
        access_info="Transport can be arranged with your carer. Food provided.",
        kind=MeetingKind.WITH_BOARD,
        planned_rung=LadderRung.ENGAGEMENT,
    )
    report = services.policy_item_propose(
        forum=cicc,
        brought_by=officer,
        title="Corporate Parenting Board report: placements close to home",
        summary="A report to the board about helping children in care live closer to their "
        "school and friends.",
        questions="What matters most to you about where you live?",
    )
    services.agenda_item_add(meeting=cicc_meeting, added_by=worker, policy_item=report)
    stdout.write(f"  forums: {added} forums, {len(YOUNG_PEOPLE)} demo members, 3 meetings")


# --- The Youth Council's year: last year's AGM and annual report ------------------------------

LAST_YEARS_MEETINGS = [
    (-600, "Youth Council meeting: this year's priorities", "Choosing this year's priorities."),
    (-520, "Youth Council meeting: Make Your Mark", "Planning Make Your Mark in schools."),
    (-430, "Youth Council meeting with the Scrutiny Panel", "Our views on the youth offer."),
]
AGM_DAYS_AGO = 330
RECIPIENTS = [
    (
        "Councillor Sarah Hughes",
        "Leader of the City of Wolverhampton Council",
        "leader@example.org",
    ),
    (
        "Councillor Mark Lewis",
        "Deputy Leader of the City of Wolverhampton Council",
        "deputy.leader@example.org",
    ),
]


@transaction.atomic
def seed_year(stdout) -> None:
    """Last year's AGM (a past meeting, with attendance), and the annual report presented at it:
    written by the members, published, and shared with two Council Leaders, one of whom has
    said they read it. The seeds: the Youth Council "holds an Annual General Meeting (AGM) and
    shares its annual reports with Council Leaders"."""
    from forums.models import AnnualReport
    from forums.services import year
    from forums.year_selectors import recipient_token
    from participation.models import TrainingModule
    from participation.services import attendance_record, training_group_signoff

    forum = Forum.objects.filter(group__slug="youth-council").select_related("group").first()
    worker = User.objects.filter(email="worker@example.org").first()
    if forum is None or worker is None or AnnualReport.objects.filter(forum=forum).exists():
        stdout.write("  annual reports: already there")
        return
    members = list(
        User.objects.filter(email__in=["young@example.org", "ruby@example.org", "kai@example.org"])
    )
    place = "Civic Centre, St Peter's Square, Wolverhampton"
    meetings = [
        services.meeting_create(
            forum=forum,
            created_by=worker,
            title=title,
            description=description,
            starts_at=_at(days, 17),
            ends_at=_at(days, 19),
            place=place,
            planned_rung=LadderRung.CO_PRODUCTION,
        )
        for days, title, description in LAST_YEARS_MEETINGS
    ]
    agm = services.meeting_create(
        forum=forum,
        created_by=worker,
        title="Youth Council Annual General Meeting",
        description="Our AGM: we present the annual report, look back at the year and choose "
        "our priorities for next year. Council Leaders are invited.",
        starts_at=_at(-AGM_DAYS_AGO, 17),
        ends_at=_at(-AGM_DAYS_AGO, 19),
        place=place,
        access_info="Step-free entrance on St Peter's Square. Quiet room available. Food provided.",
        kind=MeetingKind.AGM,
        planned_rung=LadderRung.CO_PRODUCTION,
    )
    for meeting in [*meetings, agm]:
        attendance_record(
            activity=meeting.activity,
            recorded_by=worker,
            statuses={person.pk: "present" for person in members},
        )
    induction = TrainingModule.objects.filter(title="Induction", delivery="face_to_face").first()
    ruby = next(p for p in members if p.email == "ruby@example.org")
    kai = next(p for p in members if p.email == "kai@example.org")
    if induction is not None:
        training_group_signoff(
            module=induction,
            people=[ruby, kai],
            signed_off_by=worker,
            completed_on=timezone.localdate() - timedelta(days=500),
        )
    report = year.annual_report_start(forum=forum, started_by=worker, agm=agm)
    year.annual_report_words_save(
        report=report,
        written_by=ruby,
        foreword="This year we made sure young people across Wolverhampton were heard. We met "
        "every month, spoke to the Scrutiny Panel and took Make Your Mark into schools.",
        highlights="Taking Make Your Mark into more schools than ever.\n"
        "Telling the Scrutiny Panel what young people think of the youth offer.\n"
        "Asking for cheaper bus fares for young people.",
        whats_next="Next year we want mental health support in every school, and cheaper buses "
        "so young people can get to what is on offer.",
        version=report.words_version,
    )
    year.annual_report_publish(report=report, published_by=worker)
    recipients = [
        year.annual_report_recipient_add(
            report=report, added_by=worker, name=name, role=role, email=email
        )
        for name, role, email in RECIPIENTS
    ]
    year.annual_report_send(report=report, sent_by=worker)
    leader = recipients[0]
    leader.refresh_from_db()
    year.annual_report_acknowledge(
        token=recipient_token(leader),
        message="Thank you for a brilliant report. I will bring your priorities to Cabinet.",
    )
    stdout.write("  annual reports: last year's AGM and the Youth Council's annual report")
