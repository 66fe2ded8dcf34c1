"""Casting a ballot: one per voter, deadlines, eligibility, choices, receipts, secrecy."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, models
from django.utils import timezone

from forums.elections import selectors, services
from forums.elections.eligibility import criteria_for
from forums.elections.models import (
    CandidateStatus,
    ElectionKind,
    Receipt,
    Vote,
    VoterMark,
)
from forums.elections.refusals import BallotRefused
from participation.models import GroupKind, Role
from participation.selectors.eligibility import eligibility
from tests.elections.conftest import candidates_of
from tests.elections.factories import (
    CandidateFactory,
    ElectionFactory,
    TopicBallotFactory,
    TopicFactory,
)
from tests.factories import GroupFactory, MembershipFactory, YoungPersonFactory, birthday_for_age

pytestmark = pytest.mark.django_db


def cast(election, voter, choices, **kwargs):
    constituency = election.constituencies.get()
    return services.ballot_cast(
        election_id=election.pk,
        constituency_id=constituency.pk,
        voter=voter,
        choice_ids=[c.pk for c in choices],
        **kwargs,
    )


def test_a_ballot_is_taken_once_with_a_receipt_that_verifies(election):
    voter = YoungPersonFactory()
    first, _second = candidates_of(election)
    result = cast(election, voter, [first])
    assert VoterMark.objects.filter(voter=voter).count() == 1
    assert Vote.objects.filter(election=election, candidate=first).count() == 1
    assert selectors.receipt_is_in(election=election, code=result.receipt)
    assert result.election_title == election.title
    assert not selectors.receipt_is_in(election=election, code="ABCDEFGHJKLM")


def test_a_second_ballot_by_the_same_voter_is_refused(election):
    voter = YoungPersonFactory()
    first, second = candidates_of(election)
    cast(election, voter, [first])
    with pytest.raises(BallotRefused) as refused:
        cast(election, voter, [second])
    assert refused.value.code == "already_voted"
    assert "already voted" in refused.value.messages[0]
    assert Vote.objects.filter(election=election).count() == 1
    assert Receipt.objects.filter(election=election).count() == 1


def test_the_database_itself_refuses_a_second_mark(election):
    from django.db import IntegrityError

    voter = YoungPersonFactory()
    constituency = election.constituencies.get()
    VoterMark.objects.create(constituency=constituency, voter=voter)
    with pytest.raises(IntegrityError):
        VoterMark.objects.create(constituency=constituency, voter=voter)


def test_a_ballot_after_the_close_is_refused_by_the_server_clock(election):
    voter = YoungPersonFactory()
    first, _ = candidates_of(election)
    with time_machine.travel(election.voting_closes_at + timedelta(seconds=1)):
        with pytest.raises(BallotRefused) as refused:
            cast(election, voter, [first])
    assert refused.value.code == "closed"
    assert refused.value.messages[0].startswith("Voting closed at ")
    assert "was not counted" in refused.value.messages[0]
    assert not VoterMark.objects.exists()


def test_the_last_second_before_the_close_still_counts(election):
    voter = YoungPersonFactory()
    first, _ = candidates_of(election)
    with time_machine.travel(election.voting_closes_at - timedelta(seconds=1)):
        cast(election, voter, [first])
    assert VoterMark.objects.count() == 1


def test_a_ballot_before_voting_opens_is_refused():
    election = ElectionFactory(voting=False)
    candidate = CandidateFactory(constituency=election.constituencies.get())
    with pytest.raises(BallotRefused) as refused:
        cast(election, YoungPersonFactory(), [candidate])
    assert refused.value.code == "not_open"
    assert "not started" in refused.value.messages[0]


def test_a_ballot_after_a_worker_closed_early_is_refused(election, worker):
    first, _ = candidates_of(election)
    services.election_close(actor=worker, election=election)
    with pytest.raises(BallotRefused) as refused:
        cast(election, YoungPersonFactory(), [first])
    assert refused.value.code == "closed"


@pytest.mark.parametrize(
    "setup, reason",
    [
        ("not_member", "only for members of"),
        ("wrong_area", "is for young people who live in Bilston, not Tettenhall"),
        ("too_old", "aged 11 to 18"),
        ("no_birthday", "don't know your age"),
        ("worker", "Only young people"),
        ("membership_ended", "only for members of"),
    ],
)
def test_ineligible_voters_are_refused_with_the_reason(setup, reason, make_user):
    forum = GroupFactory(kind=GroupKind.FORUM, name="Youth Council")
    kwargs = {"voters_group": forum}
    if setup == "wrong_area":
        kwargs = {"voters_area": "Bilston"}
    if setup in ("too_old", "no_birthday"):
        kwargs = {"voter_min_age": 11, "voter_max_age": 18}
    election = ElectionFactory(constituency=kwargs)
    candidate = CandidateFactory(constituency=election.constituencies.get())
    voter = YoungPersonFactory(area="Tettenhall", date_of_birth=birthday_for_age(20))
    if setup == "no_birthday":
        voter.date_of_birth = None
        voter.save()
    if setup == "worker":
        voter = make_user(Role.WORKER)
    if setup == "membership_ended":
        MembershipFactory(
            group=forum,
            user=voter,
            started_on=timezone.localdate() - timedelta(days=30),
            ended_on=timezone.localdate() - timedelta(days=1),
        )
    with pytest.raises(BallotRefused) as refused:
        cast(election, voter, [candidate])
    assert refused.value.code == "not_eligible"
    assert reason in refused.value.messages[0]
    assert not VoterMark.objects.exists()


def test_members_area_and_age_that_fit_can_vote():
    forum = GroupFactory(kind=GroupKind.FORUM)
    election = ElectionFactory(
        constituency={
            "voters_group": forum,
            "voters_area": "Bilston",
            "voter_min_age": 11,
            "voter_max_age": 18,
        }
    )
    candidate = CandidateFactory(constituency=election.constituencies.get())
    voter = YoungPersonFactory(area="bilston ", date_of_birth=birthday_for_age(15))
    voter.area = "Bilston"
    voter.save()
    MembershipFactory(group=forum, user=voter)
    cast(election, voter, [candidate])
    assert VoterMark.objects.filter(voter=voter).exists()


@pytest.mark.parametrize("problem", ["none", "too_many", "unknown", "pending", "other_election"])
def test_bad_choices_are_refused_and_nothing_is_stored(problem, election):
    first, second = candidates_of(election)
    choices = {
        "none": [],
        "too_many": [first, second],
        "unknown": [type(first)(pk=999999)],
        "pending": [
            CandidateFactory(constituency=first.constituency, status=CandidateStatus.PENDING)
        ],
        "other_election": [CandidateFactory(constituency=ElectionFactory().constituencies.get())],
    }[problem]
    with pytest.raises(BallotRefused) as refused:
        cast(election, YoungPersonFactory(), choices)
    assert refused.value.code == "bad_choice"
    assert refused.value.messages[0] == "Choose one option from the list."
    assert not VoterMark.objects.exists() and not Vote.objects.exists()


def test_a_topic_ballot_takes_up_to_its_number_of_choices():
    ballot_ = TopicBallotFactory(max_choices=3)
    topics = TopicFactory.create_batch(4, election=ballot_)
    cast(ballot_, YoungPersonFactory(), topics[:3])
    assert Vote.objects.filter(election=ballot_, topic__isnull=False).count() == 3
    with pytest.raises(BallotRefused) as refused:
        cast(ballot_, YoungPersonFactory(), topics)
    assert "between 1 and 3" in refused.value.messages[0]


def test_choosing_the_same_option_twice_counts_once():
    ballot_ = TopicBallotFactory(max_choices=2)
    topic = TopicFactory(election=ballot_)
    services.ballot_cast(
        election_id=ballot_.pk,
        constituency_id=ballot_.constituencies.get().pk,
        voter=YoungPersonFactory(),
        choice_ids=[topic.pk, topic.pk],
    )
    assert Vote.objects.filter(topic=topic).count() == 1


# --- Secrecy ---------------------------------------------------------------------------------


def test_no_column_links_a_vote_or_receipt_to_a_voter_or_a_time():
    for model in (Vote, Receipt):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.label not in (
                "participation.User",
                "elections.VoterMark",
            ), f"{model.__name__}.{field.name} points at a person"
            assert not isinstance(field, models.DateTimeField | models.DateField), (
                f"{model.__name__}.{field.name} records a time"
            )
            assert not isinstance(field, models.AutoField | models.BigAutoField), (
                f"{model.__name__}.{field.name} is a sequence"
            )
    for field in VoterMark._meta.get_fields():
        assert not isinstance(field, models.DateTimeField | models.DateField)
        assert not isinstance(field, models.AutoField | models.BigAutoField)


def _cast_in_known_order(election, n=30):
    """Voter i votes for candidate i % 3, in order. Returns [(voter, candidate id)]."""
    constituency = election.constituencies.get()
    candidates = [CandidateFactory(constituency=constituency) for _ in range(3)]
    voters = YoungPersonFactory.create_batch(n)
    order = []
    for i, voter in enumerate(voters):
        choice = candidates[i % 3]
        services.ballot_cast(
            election_id=election.pk,
            constituency_id=constituency.pk,
            voter=voter,
            choice_ids=[choice.pk],
        )
        order.append((voter.pk, choice.pk))
    return order


def test_votes_cast_in_a_known_order_cannot_be_paired_by_id():
    election = ElectionFactory()
    order = _cast_in_known_order(election)
    votes = list(Vote.objects.filter(election=election))
    assert all(isinstance(v.id, uuid.UUID) and v.id.version == 4 for v in votes)
    # Sorting votes by key gives no information about the order they were cast in.
    by_key = [v.candidate_id for v in sorted(votes, key=lambda v: v.id)]
    assert by_key != [choice for _voter, choice in order]
    marks = list(VoterMark.objects.filter(constituency__election=election))
    assert all(m.id.version == 4 for m in marks)


def test_after_mixing_neither_row_order_nor_transaction_ids_pair_votes_with_voters(
    transactional_db, postgresql_only, worker
):
    election = ElectionFactory(max_choices=1)
    order = _cast_in_known_order(election, n=40)
    cast_sequence = [choice for _voter, choice in order]

    def physical(table):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {'candidate_id' if table == 'elections_vote' else 'code'}, xmin::text "
                f"FROM {table} WHERE election_id = %s ORDER BY ctid",
                [election.pk],
            )
            return cursor.fetchall()

    # Before the mixer: this is the leak the mixer exists for (same order, same xmin as marks).
    before = physical("elections_vote")
    assert [c for c, _ in before] == cast_sequence
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text FROM elections_votermark WHERE constituency_id = %s ORDER BY ctid",
            [election.constituencies.get().pk],
        )
        mark_xmins = [x for (x,) in cursor.fetchall()]
    assert [x for _, x in before] == mark_xmins

    services.election_close(actor=worker, election=election)

    after = physical("elections_vote")
    assert sorted(c for c, _ in after) == sorted(cast_sequence)  # nothing lost or added
    assert [c for c, _ in after] != cast_sequence
    assert len({x for _, x in after}) == 1  # one transaction wrote them all: the mixer's
    assert not {x for _, x in after} & set(mark_xmins)
    receipts = physical("elections_receipt")
    assert len({x for _, x in receipts}) == 1
    assert not {x for _, x in receipts} & set(mark_xmins)


def test_a_small_box_is_rewritten_whole_so_one_vote_is_never_mixed_alone(election):
    first, _ = candidates_of(election)
    for _ in range(20):
        cast(election, YoungPersonFactory(), [first])
    assert services.ballot_box_mix(election_id=election.pk) == 20
    assert services.ballot_box_mix(election_id=election.pk) == 0
    cast(election, YoungPersonFactory(), [first])
    assert services.ballot_box_mix(election_id=election.pk) == 21
    assert not Vote.objects.filter(mixed=False).exists()
    assert Receipt.objects.filter(election=election, mixed=True).count() == 21


def test_the_periodic_mixer_task_mixes_open_elections(election):
    from forums.elections.tasks import mix_ballot_boxes

    first, _ = candidates_of(election)
    for _ in range(20):
        cast(election, YoungPersonFactory(), [first])
    assert mix_ballot_boxes() == 20
    assert mix_ballot_boxes() == 0  # idempotent: nothing waiting now


# --- The SQL statement and the Python rules agree ---------------------------------------------


@pytest.mark.parametrize("age", [10, 11, 18, 19, None])
@pytest.mark.parametrize("area", ["Bilston", "BILSTON", "Tettenhall", ""])
@pytest.mark.parametrize("member", [True, False])
def test_the_cast_statement_and_the_eligibility_rules_agree(postgresql_only, age, area, member):
    forum = GroupFactory()
    election = ElectionFactory(
        constituency={
            "voters_group": forum,
            "voters_area": "Bilston",
            "voter_min_age": 11,
            "voter_max_age": 18,
        }
    )
    constituency = election.constituencies.get()
    candidate = CandidateFactory(constituency=constituency)
    voter = YoungPersonFactory(
        area=area, date_of_birth=birthday_for_age(age) if age is not None else None
    )
    if member:
        MembershipFactory(group=forum, user=voter)
    python_says = eligibility(voter, criteria_for(constituency)).reason
    try:
        cast(election, voter, [candidate])
        sql_says = ""
    except BallotRefused as refused:
        sql_says = refused.messages[0]
    assert python_says == sql_says
    assert VoterMark.objects.filter(voter=voter).exists() == (not python_says)


def test_the_statement_is_prepared_once_per_connection(
    postgresql_only, election, django_assert_num_queries
):
    first, second = candidates_of(election)
    cast(election, YoungPersonFactory(), [first])
    voter = YoungPersonFactory()
    constituency_id = election.constituencies.get().pk
    voter.role_names  # noqa: B018  (loaded by the middleware on a real request)
    # One round trip per ballot: the savepoint pair only exists because tests run in a
    # transaction; the view runs in autocommit.
    with django_assert_num_queries(3) as captured:
        services.ballot_cast(
            election_id=election.pk,
            constituency_id=constituency_id,
            voter=voter,
            choice_ids=[second.pk],
        )
    sql = [q["sql"] for q in captured.captured_queries]
    assert any(s.startswith("EXECUTE elections_cast_ballot") for s in sql)
    assert not any("PREPARE" in s for s in sql)


def test_a_topic_from_another_ballot_is_refused():
    ballot_ = TopicBallotFactory()
    TopicFactory(election=ballot_)
    elsewhere = TopicFactory(election=TopicBallotFactory())
    assert ballot_.kind == ElectionKind.TOPICS
    with pytest.raises(BallotRefused) as refused:
        cast(ballot_, YoungPersonFactory(), [elsewhere])
    assert refused.value.code == "bad_choice"


@pytest.mark.parametrize(
    "case", ["ok", "twice", "not_eligible", "bad_choice", "closed", "no_such_constituency"]
)
def test_the_one_statement_and_the_orm_cast_agree(postgresql_only, worker, case):
    """The ORM cast (SQLite's path) and the one statement give the same answers."""
    from django.utils import timezone

    from forums.elections import cast_orm, cast_sql

    results = {}
    forum = GroupFactory(name="Youth Council")
    for way, run in (("sql", cast_sql.cast_by_account), ("orm", cast_orm.cast)):
        election = ElectionFactory(constituency={"voters_group": forum})
        constituency = election.constituencies.get()
        candidate = CandidateFactory(constituency=constituency)
        voter = YoungPersonFactory()
        if case != "not_eligible":
            MembershipFactory(group=forum, user=voter)
        now = timezone.now()
        if case == "closed":
            now = election.voting_closes_at
        arguments = {
            "election_id": election.pk,
            "constituency_id": constituency.pk if case != "no_such_constituency" else 0,
            "voter": voter,
            "choices": [candidate.pk] if case != "bad_choice" else [candidate.pk + 999],
            "now": now,
            "today": timezone.localdate(now),
        }
        try:
            run(**arguments)
            if case == "twice":
                run(**arguments)
            results[way] = ("ok", "")
        except BallotRefused as refused:
            results[way] = (refused.code, refused.messages[0])
    assert results["sql"] == results["orm"]
    expected = {"no_such_constituency": "not_found", "twice": "already_voted"}
    assert results["sql"][0] == expected.get(case, case)
