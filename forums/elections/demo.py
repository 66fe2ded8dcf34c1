"""Demo elections from the seeds: the Youth Council, its Youth MPs, Make Your Mark, and Kent
Youth County Council with 8 elected and 12 community seats."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from participation.models import Group, User

from . import services
from .models import Candidate, CandidateStatus, Election, ElectionKind

MAKE_YOUR_MARK_TOPICS = [
    ("Mental health and wellbeing", "More awareness and support, and services that suit us."),
    ("Tackling poverty", "Less pressure on families, like the cost of uniforms and books."),
    ("Climate change", "Less pollution and plastic waste, and greener choices."),
    ("Safer streets", "Feeling safe in our area, day and night."),
    ("Things to do", "Youth clubs, sport and places to meet that we can afford."),
    ("Jobs and training", "Help to find work, apprenticeships and training."),
]


@transaction.atomic
def seed_elections(stdout) -> None:
    worker = User.objects.filter(email="worker@example.org").first()
    if worker is None or Election.objects.exists():
        stdout.write("  elections: already there")
        return
    now = timezone.now()
    day = timedelta(days=1)
    council = Group.objects.filter(slug="youth-council").first()
    kent = Group.objects.filter(slug="kent-youth-county-council").first()

    youth_council = services.election_create(
        actor=worker,
        title="Youth Council election",
        description="Choose the young people who speak for you at the City of Wolverhampton "
        "Council. You can vote for up to 3 people.",
        kind=ElectionKind.CANDIDATES,
        group=council,
        seats=3,
        max_choices=3,
        nominations_open_at=now - 14 * day,
        nominations_close_at=now - 2 * day,
        voting_opens_at=now - day,
        voting_closes_at=now + 14 * day,
        voter_min_age=11,
        voter_max_age=25,
    )
    services.election_publish(actor=worker, election=youth_council)
    constituency = youth_council.constituencies.get()
    for email, manifesto in [
        ("ruby@example.org", "I will make sure every school has a say, not just the big ones."),
        ("kai@example.org", "More things to do after school, and cheaper buses to get there."),
        ("young@example.org", "Mental health support in every school, and no waiting lists."),
    ]:
        person = User.objects.filter(email=email).first()
        if person is not None and person.date_of_birth:
            Candidate.objects.create(
                constituency=constituency,
                user=person,
                manifesto=manifesto,
                status=CandidateStatus.APPROVED,
            )

    if council is not None:
        youth_mp = services.election_create(
            actor=worker,
            title="Youth MP election",
            description="The Youth Council elects two Youth MPs from its members.",
            kind=ElectionKind.CANDIDATES,
            group=council,
            winner_role="youth_mp",
            seats=2,
            max_choices=2,
            nominations_open_at=now - day,
            nominations_close_at=now + 7 * day,
            voting_opens_at=now + 8 * day,
            voting_closes_at=now + 15 * day,
            voters_group=council,
        )
        services.election_publish(actor=worker, election=youth_mp)

    make_your_mark = services.election_create(
        actor=worker,
        title="Make Your Mark",
        description="Choose the 3 issues that matter most to you. The Youth Council will take "
        "the top ones on as campaigns. Last time 9,801 young people in Wolverhampton took part.",
        kind=ElectionKind.TOPICS,
        group=council,
        max_choices=3,
        voting_opens_at=now - day,
        voting_closes_at=now + 21 * day,
        voter_min_age=11,
        voter_max_age=18,
    )
    for title, description in MAKE_YOUR_MARK_TOPICS:
        services.topic_add(
            actor=worker, election=make_your_mark, title=title, description=description
        )
    services.election_publish(actor=worker, election=make_your_mark)

    kent_election = services.election_create(
        actor=worker,
        title="Kent Youth County Council election",
        description="Any young person aged 11 to 18 who lives and goes to school in Kent can "
        "stand. There are 8 elected seats and 12 community seats.",
        kind=ElectionKind.CANDIDATES,
        group=kent,
        seats=8,
        max_choices=8,
        nominations_open_at=now - day,
        nominations_close_at=now + 20 * day,
        voting_opens_at=now + 28 * day,
        voting_closes_at=now + 35 * day,
        voters_area="Kent",
        voter_min_age=11,
        voter_max_age=18,
    )
    kent_constituency = kent_election.constituencies.get()
    for name in [
        "Black and minority ethnic young people",
        "Young carers",
        "Disabled young people",
    ]:
        services.reserved_seat_add(actor=worker, constituency=kent_constituency, name=name, seats=4)
    services.election_publish(actor=worker, election=kent_election)
    stdout.write("  elections: 4 elections and ballots")
