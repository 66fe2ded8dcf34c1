"""Demo charters from the seeds: the Co-Production Charter (Wolverhampton, January 2019), signed
by the council, HeadStart Wolverhampton and two partners, one of them lapsed; and the Kent Youth
Charter, with the four of its six principles the seeds name (a worker adds the other two).
Jordan, a trained young inspector, has judged HeadStart Wolverhampton's evidence, and
challenged the council's own level for seeking feedback from families, which it answered, and
visited one of the council's activities."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from participation.models import Activity, Group, Organisation, TrainingModule, User

from . import services
from .models import Charter, Signatory

CO_PRODUCTION = "Co-Production Charter"
KENT = "Kent Youth Charter"

CO_PRODUCTION_PRINCIPLES = [
    (
        "Trust",
        "We are honest with each other and do what we say we will do.",
        "We tell the truth and keep our word.",
    ),
    (
        "Shared understanding",
        "We take time to understand what matters to each other.",
        "We listen until we understand each other.",
    ),
    (
        "Equal partnership",
        "Children, young people, families and staff decide things together, as equals.",
        "Your ideas count as much as a grown-up's.",
    ),
    (
        "Creative thinking",
        "We try new ways of doing things and welcome new ideas.",
        "We try new ideas, even unusual ones.",
    ),
    (
        "Communication",
        "We share information clearly and in good time, in words everyone understands.",
        "We tell you what is going on, in words you understand.",
    ),
]

CO_PRODUCTION_PROMISES = [
    (
        "To support each other in developing our knowledge and skills",
        "We help each other learn new things",
    ),
    ("To seek regular feedback from families", "We often ask families what they think"),
    ("To embed these promises in everything we do", "We keep these promises in all our work"),
]

KENT_PRINCIPLES = [
    ("Respectful and kind", "Staff and volunteers treat young people with respect and kindness."),
    (
        "Including and accepting",
        "Everyone is welcome and accepted for who they are.",
    ),
    (
        "Honest and working to earn young people's trust",
        "Staff and volunteers are honest, and show young people they can be trusted.",
    ),
    (
        "Supporting young people to grow and learn from their experiences",
        "Staff and volunteers help young people learn and grow from what happens to them.",
    ),
]

PLEDGES = {
    0: (
        "Young people and staff do the co-production e-learning together, and Ambassadors "
        "help run our staff training.",
        "established",
    ),
    1: (
        "We ask parents and carers what they think after every programme, and publish what "
        "we changed.",
        "emerging",
    ),
    2: (
        "The Shadow Board reads every plan before our board agrees it.",
        "advanced",
    ),
}


@transaction.atomic
def seed_charter(stdout) -> None:
    if Charter.objects.filter(title=CO_PRODUCTION).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    worker = people["worker@example.org"]
    officer = people["officer@example.org"]
    jordan = people["ambassador@example.org"]
    board = Group.objects.filter(slug="children-and-families-together-board").first()

    co = services.charter_create(
        created_by=worker,
        title=CO_PRODUCTION,
        summary="Promises about working together with young people and families, so that "
        "they stay at the heart of the decisions that affect them.",
        summary_for_children="Promises that grown-ups will work with you and your family, "
        "and listen to you.",
        written_by="Children, young people and families with HeadStart Wolverhampton, January 2019",
    )
    version = co.versions.get()
    version.published_on = date(2019, 1, 1)
    version.save(update_fields=["published_on"])
    for name, text, for_children in CO_PRODUCTION_PRINCIPLES:
        services.principle_add(
            version=version, added_by=worker, name=name, text=text, text_for_children=for_children
        )
    promises = [
        services.promise_add(version=version, added_by=worker, text=t, text_for_children=c)
        for t, c in CO_PRODUCTION_PROMISES
    ]

    kent = services.charter_create(
        created_by=worker,
        title=KENT,
        summary="How young people expect staff and volunteers to behave when they work with "
        "them. Young people agreed six principles.",
        summary_for_children="How grown-ups who work with you should behave.",
        written_by="Young people in SpeakOut, HeadStart Kent",
        rates_staff=True,
    )
    for name, text in KENT_PRINCIPLES:
        services.principle_add(version=kent.versions.get(), added_by=worker, name=name, text=text)

    council = Organisation.objects.get(slug="city-of-wolverhampton-council")
    council_signed = services.charter_sign(
        version=version,
        organisation=council,
        signed_by=officer,
        board=board,
        adopted_on=date(2019, 1, 31),
    )
    council_pledge = services.pledge_save(
        signatory=council_signed,
        promise=promises[1],
        updated_by=officer,
        text="Every service asks families for feedback at least twice a year.",
        own_level="established",
    )

    # The partners' own officers are not demo accounts, so their signatures are written here
    # as they would stand; the service path is the council's, above.
    today = timezone.localdate()
    partners = {}
    for slug in ("headstart-wolverhampton", "bilston-youth-project", "changing-our-lives"):
        organisation = Organisation.objects.get(slug=slug)
        partners[slug] = Signatory.objects.create(
            organisation=organisation,
            version=version,
            adopted_by_board=board,
            adopted_on=date(2019, 1, 31),
            renew_by=Signatory.year_from(today),
        )

    headstart = partners["headstart-wolverhampton"]
    inspector_module = TrainingModule.objects.filter(title="Young inspector").first()
    if inspector_module is not None:
        from participation.services import training_complete

        training_complete(
            user=jordan,
            module=inspector_module,
            completed_on=today - timedelta(days=30),
            method="face_to_face",
            signed_off_by=worker,
        )
    from .models import Evidence, Pledge

    for i, promise in enumerate(promises):
        text, level = PLEDGES[i]
        pledge = Pledge.objects.create(
            signatory=headstart, promise=promise, text=text, own_level=level
        )
        Evidence.objects.create(
            pledge=pledge,
            text="Minutes of the Shadow Board, and what Ambassadors said in their review.",
            link="https://headstartwolverhampton.example.org/co-production",
        )
    if inspector_module is not None:
        jordan.__dict__.pop("role_names", None)
        for pledge, (level, say) in zip(
            headstart.pledges.order_by("promise__position"),
            [
                ("established", "Ambassadors told us they help run the training, and like it."),
                ("emerging", "Parents we met had not been asked yet this year."),
                ("advanced", "The Shadow Board really does read the plans first."),
            ],
            strict=True,
        ):
            services.evidence_judge(
                pledge=pledge, inspector=jordan, level=level, young_people_say=say
            )

        # The council thinks it is established at asking families; Jordan challenges that,
        # and the council answers.
        services.evidence_add(
            pledge=council_pledge,
            added_by=officer,
            text="Our family feedback survey and what it told us.",
        )
        challenge = services.evidence_judge(
            pledge=council_pledge,
            inspector=jordan,
            level="emerging",
            young_people_say="The families we spoke to had been asked once, by one service.",
        )
        services.challenge_answer(
            judgement=challenge,
            answered_by=officer,
            answer="You are right that only one service asked. From April every service will "
            "ask families twice a year, and we will show you the results.",
        )

    # The base's demo activities say nothing of who runs them; the Wolverhampton ones are the
    # council's and HeadStart's, so their charter pages show their ladder. Jordan then visits
    # the council's Make Your Mark workshop as a young inspector.
    runs = {
        "Make Your Mark workshop": council,
        "Children in Care Council induction": council,
        "Open Space event: what matters most to you?": headstart.organisation,
        "Interview training session": headstart.organisation,
    }
    for title, organisation in runs.items():
        Activity.objects.filter(title=title, organisation__isnull=True).update(
            organisation=organisation
        )
    workshop = Activity.objects.filter(title="Make Your Mark workshop").first()
    if inspector_module is not None and workshop is not None:
        services.visit_record(
            signatory=council_signed,
            activity=Activity.objects.get(pk=workshop.pk),
            inspector=jordan,
            summary="Young people chose the Youth Council's campaigns themselves, and staff "
            "listened more than they talked.",
            findings={
                promises[1].pk: "Nobody asked the parents who came to collect their children "
                "what they thought.",
                promises[2].pk: "The staff explained what would happen with the campaigns.",
            },
        )

    # Changing Our Lives signed over a year ago and did not renew.
    lapsed = partners["changing-our-lives"]
    Signatory.objects.filter(pk=lapsed.pk).update(
        signed_at=timezone.now() - timedelta(days=400), renew_by=today - timedelta(days=35)
    )
    services.memberships_lapse_due(today=today)
    stdout.write("  charter: 2 charters, 4 signatories (1 lapsed)")
