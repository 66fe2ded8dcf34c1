"""Demo "you said" items from the seed documents: the Youth Council's Make Your Mark campaigns
and its cheaper-buses action, the Children in Care Council's work with the Corporate Parenting
Board, a young person's and a parent's own items. Routed to City of Wolverhampton Council and
HeadStart Wolverhampton; some answered on time, some overdue (and escalated), some rated.

Built through the real services; only the dates are moved back afterwards, so that the demo
has a past (an item answered last month, one overdue since last week).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from participation.models import Activity, Group, Membership, Organisation, User

from . import services
from .models import ParticipationLead, Response, SafeguardingLead, Source, Topic, YouSaidItem
from .services import MilestoneDraft, add_working_days

MARKER = "Mental health support in every school"


def _backdate(item: YouSaidItem, *, routed_days_ago: int, working_days: int = 20) -> None:
    routed_at = timezone.now() - timedelta(days=routed_days_ago)
    YouSaidItem.objects.filter(pk=item.pk).update(
        created_at=routed_at - timedelta(days=2),
        routed_at=routed_at,
        due_on=add_working_days(timezone.localdate(routed_at), working_days),
    )
    item.refresh_from_db()


def _answered_after(item: YouSaidItem, days: int) -> None:
    answered = item.routed_at + timedelta(days=days)
    YouSaidItem.objects.filter(pk=item.pk).update(first_answered_at=answered)
    Response.objects.filter(item=item).update(published_at=answered)


def _headstart_officer(headstart: Organisation) -> User:
    """HeadStart's officer, so that items can be sent to HeadStart and answered."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from participation.demo import DEMO_TOTP_SECRET, _user
    from participation.models import Role
    from participation.services import role_grant

    officer = _user("headstart.officer@example.org", "Kerry", "Walsh", None)
    role_grant(user=officer, role=Role.OFFICER, organisation=headstart)
    if not Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(officer, DEMO_TOTP_SECRET)
    officer.__dict__.pop("role_names", None)
    return officer


@transaction.atomic
def seed_voice(stdout) -> None:
    if YouSaidItem.objects.filter(title=MARKER).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    worker = people["worker@example.org"]
    officer = people["officer@example.org"]
    amira = people["young@example.org"]
    jordan = people["ambassador@example.org"]
    parent = people["parent@example.org"]
    council = Organisation.objects.get(slug="city-of-wolverhampton-council")
    headstart = Organisation.objects.get(slug="headstart-wolverhampton")
    youth_council = Group.objects.filter(slug="youth-council").first()
    cicc = Group.objects.filter(slug="children-in-care-council").first()
    ParticipationLead.objects.get_or_create(user=worker)
    today = timezone.localdate()

    # The Youth Council's action from its meeting (raised by the forums demo): answered on
    # time, and rated good enough by Amira, who follows it.
    buses = YouSaidItem.objects.filter(
        source=Source.FORUM_MEETING_ACTION, title__startswith="Ask the council's transport team"
    ).first()
    if buses is None:
        buses = services.item_raise(
            raised_by=worker,
            topic=Topic.TRANSPORT,
            title="Cheaper bus fares for young people",
            text="The Youth Council asked for cheaper bus fares for young people.",
            source=Source.FORUM_MEETING_ACTION,
            group=youth_council,
        )
    YouSaidItem.objects.filter(pk=buses.pk).update(topic=Topic.TRANSPORT)
    services.item_route(item=buses, routed_by=worker, organisation=council, officer=officer)
    services.item_follow(item=buses, user=amira, me_too=True)
    services.response_publish(
        items=[buses],
        published_by=officer,
        outcome="done",
        text="The transport team met the bus companies with two Youth Council members. From "
        "September, under-19s pay half fare on every bus in the city with a young person's "
        "travel card.",
        plain_text="From September, if you are under 19, buses in Wolverhampton cost half as "
        "much with a young person's travel card.",
    )
    _backdate(buses, routed_days_ago=30)
    _answered_after(buses, 12)
    services.response_rate(item=buses, user=amira, good_enough=True)

    # A Make Your Mark campaign the Youth Council adopted: with HeadStart, done, rated by two.
    campaign = services.item_raise(
        raised_by=worker,
        topic=Topic.HEALTH,
        title=MARKER,
        text="Make Your Mark: young people in Wolverhampton voted for mental health support in "
        "schools as their top issue. The Youth Council took it on as a campaign.",
        source=Source.CAMPAIGN,
        group=youth_council,
    )
    services.item_route(item=campaign, routed_by=worker, organisation=headstart)
    services.item_follow(item=campaign, user=jordan, me_too=True)
    services.item_follow(item=campaign, user=amira)
    headstart_officer = _headstart_officer(headstart)
    services.response_publish(
        items=[campaign],
        published_by=headstart_officer,
        outcome="done",
        text="HeadStart School Support Coordinators now run a weekly drop-in in every "
        "secondary school in the HeadStart programme, and each school has a named member of "
        "staff for emotional wellbeing.",
        plain_text="There is now a weekly drop-in at your school where you can talk to someone "
        "about how you feel.",
    )
    _backdate(campaign, routed_days_ago=60)
    _answered_after(campaign, 25)
    services.response_rate(item=campaign, user=jordan, good_enough=True)
    services.response_rate(
        item=campaign,
        user=amira,
        good_enough=False,
        reason="The drop-in at my school is at lunchtime when I have choir.",
    )

    # The Children in Care Council: in progress, with milestones and a check-back date.
    if cicc is not None:
        care = services.item_raise(
            raised_by=worker,
            topic=Topic.CARE,
            title="Tell us before our social worker changes",
            text="At the meeting with the Corporate Parenting Board, CiCC members said they "
            "often find out their social worker has changed only when someone new turns up.",
            source=Source.FORUM_MEETING_ACTION,
            group=cicc,
        )
        services.item_route(item=care, routed_by=worker, organisation=council, officer=officer)
        services.response_publish(
            items=[care],
            published_by=officer,
            outcome="in_progress",
            text="Children's services are writing a promise that every child in care is told "
            "about a change of social worker at least two weeks before, by their current "
            "social worker, with a chance to meet the new one.",
            plain_text="We are making a rule that you will be told two weeks before your "
            "social worker changes, and you can meet the new one first.",
            progress=40,
            milestones=[
                MilestoneDraft(on=today + timedelta(days=21), what="CiCC checks the wording"),
                MilestoneDraft(
                    on=today + timedelta(days=60), what="Corporate Parenting Board agrees it"
                ),
            ],
            check_back_on=today + timedelta(days=30),
        )
        _backdate(care, routed_days_ago=14)
        _answered_after(care, 6)

    # Overdue, and escalated to the participation lead.
    late = services.item_raise(
        raised_by=worker,
        topic=Topic.THINGS_TO_DO,
        title="Free swimming in the school holidays",
        text="Youth Council members asked for free swimming for under-16s in the summer "
        "holidays, like in other cities.",
        source=Source.FORUM_MEETING_ACTION,
        group=youth_council,
    )
    services.item_route(item=late, routed_by=worker, organisation=council, officer=officer)
    _backdate(late, routed_days_ago=35)
    services.overdue_items_escalate()

    # Amira's own item, anonymous to the officer: approved and sent on, waiting for an answer.
    lights = services.item_raise(
        raised_by=amira,
        topic=Topic.SAFETY,
        title="The path by the park has no lights",
        text="The path from the bus stop to my house goes past the park and it is really dark "
        "in winter. I don't feel safe walking home after school club.",
        organisation=council,
        anonymous_to_officer=True,
    )
    services.item_text_approve(item=lights, approved_by=worker)
    services.item_route(item=lights, routed_by=worker, organisation=council, officer=officer)

    # Waiting for a worker: Amira's words not yet approved, and a parent's item.
    services.item_raise(
        raised_by=amira,
        topic=Topic.SCHOOL,
        title="More time to change between lessons",
        text="Five minutes isn't enough to get across our school, so people get told off for "
        "being late when it isn't their fault.",
    )
    services.item_raise(
        raised_by=parent,
        topic=Topic.CARE,
        title="Short breaks for young carers in the holidays",
        text="My son cares for his sister. He would love a few days away with other young "
        "carers in the summer.",
    )
    # A declined one, with the reason its raiser sees.
    declined = services.item_raise(
        raised_by=parent,
        topic=Topic.OTHER,
        title="Move the bins collection day",
        text="Our bins are collected on the day my children walk to school.",
    )
    services.item_decline(
        item=declined,
        declined_by=worker,
        reason="This isn't something the Youth Voice Portal can change. The council's bins "
        "team can: you can ask them on the council's website.",
    )
    # A worker is the designated safeguarding lead; one ordinary concern waits in the queue.
    SafeguardingLead.objects.get_or_create(user=worker)
    services.concern_report(
        reported_by=jordan,
        target=buses.responses.first(),
        about_safety=False,
        what="The answer says to use the travel card, but you can only get one online.",
    )
    workshop = (
        Activity.objects.filter(title="Make Your Mark workshop", ends_at__lt=timezone.now())
        .order_by("-ends_at")
        .first()
    )
    if workshop is not None:
        try:
            services.session_feedback_give(
                activity=workshop,
                user=amira,
                score=4,
                what_was_good="We got to choose the topics ourselves.",
                could_be_better="It was too short to talk about everything.",
            )
        except ValidationError:
            pass  # she was not marked present in this demo
    _seed_consultations(
        worker=worker,
        officer=officer,
        amira=amira,
        jordan=jordan,
        council=council,
        youth_council=youth_council,
    )
    stdout.write(f"You said, we did: {YouSaidItem.objects.count()} items.\n")


def _consultation(*, by, questions, **fields):
    consultation = services.consultation_create(created_by=by, **fields)
    for kind, text, options in questions:
        services.question_add(
            consultation=consultation, added_by=by, kind=kind, text=text, options=options
        )
    return consultation


def _seed_consultations(*, worker, officer, amira, jordan, council, youth_council) -> None:
    """The strategy's annual review (young people, staff and partners), and one the Youth
    Council answered and heard back from."""
    now = timezone.now()
    review = _consultation(
        by=worker,
        title="Annual review of the Participation and Co-production Strategy",
        description="Each year we check how the strategy is going. Tell us how well services "
        "listen to young people, and what should change in next year's action plan.",
        audience="staff_partners",
        organisation=council,
        success_measure="Every change partners ask for is answered in next year's action plan, "
        "with a reason if we can't make it.",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=25),
        questions=[
            ("rating", "How well does your service involve young people now?", ""),
            ("text", "What should change in next year's action plan?", ""),
        ],
    )
    services.consultation_open(consultation=review, opened_by=worker)
    if youth_council is None:
        return
    parks = _consultation(
        by=officer,
        title="What would make parks better for you?",
        description="The council is planning work on parks and open spaces. What would make "
        "you use them more?",
        audience="group",
        group=youth_council,
        organisation=council,
        success_measure="At least two things young people ask for are in the parks plan.",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=1),
        questions=[
            ("rating", "How good are parks near you now?", ""),
            ("choice", "What matters most?", "Lights\nToilets\nSomewhere dry to sit\nWi-fi"),
            ("text", "Anything else you want to tell us?", ""),
        ],
    )
    services.consultation_open(consultation=parks, opened_by=officer)
    questions = list(parks.questions.all())
    other = (
        User.objects.filter(
            pk__in=Membership.objects.active().filter(group=youth_council).values("user_id")
        )
        .exclude(pk=amira.pk)
        .order_by("email")
        .first()
    ) or jordan
    for person, rating, choice, words in (
        (amira, "2", "Lights", "The park by my school is too dark to walk through in winter."),
        (other, "3", "Somewhere dry to sit", "A shelter where we can sit when it rains."),
    ):
        try:
            services.consultation_answer(
                consultation=parks,
                user=person,
                answers={questions[0].pk: rating, questions[1].pk: choice, questions[2].pk: words},
            )
        except ValidationError:
            pass  # not a member in this demo (the forums demo decides who is)
    services.consultation_close(consultation=parks, closed_by=officer)
    services.consultation_summarise(
        consultation=parks,
        summarised_by=worker,
        summary="Most of you said parks are too dark after school in winter, and that there is "
        "nowhere dry to sit when it rains.",
        items=[
            services.ItemDraft(title="Lights on the paths through parks", topic=Topic.SAFETY),
            services.ItemDraft(title="Shelters to sit in when it rains", topic=Topic.THINGS_TO_DO),
        ],
    )
