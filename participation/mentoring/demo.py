"""Demo mentoring from the strategy's two ideas: young people "peer mentoring" children, and
partnership board members mentoring Youth Council members. Made through the services, as a
worker would. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from participation.models import Group, TrainingCompletion, TrainingModule, User
from participation.services import training_complete

from . import services
from .models import DBSCheck, Pairing, PairingKind, RecordCheck

TRAINING = "Total Respect"


def _trained(person, module, worker, days_ago):
    if not TrainingCompletion.objects.filter(user=person, module=module).exists():
        training_complete(
            user=person,
            module=module,
            completed_on=timezone.localdate() - timedelta(days=days_ago),
            method="face_to_face",
            signed_off_by=worker,
        )


def _dbs(person, worker, days_ago):
    if not DBSCheck.objects.filter(mentor=person).exists():
        services.dbs_check_record(
            mentor=person,
            checked_on=timezone.localdate() - timedelta(days=days_ago),
            recorded_by=worker,
        )


def _pair(*, kind, mentor, mentee, worker, started_days_ago, goals, meetings, **extra):
    if Pairing.objects.filter(mentor=mentor, mentee=mentee).exists():
        return
    pairing = services.pairing_create(
        kind=kind, mentor=mentor, mentee=mentee, made_by=worker, goals=goals, **extra
    )
    # The demo pairings began a while ago, so that their log has past meetings.
    started = timezone.localdate() - timedelta(days=started_days_ago)
    Pairing.objects.filter(pk=pairing.pk).update(started_on=started)
    pairing.started_on = started
    for days_ago, place, worked_on, by in meetings:
        services.meeting_log(
            pairing=pairing,
            held_on=timezone.localdate() - timedelta(days=days_ago),
            place=place,
            worked_on=worked_on,
            recorded_by=by,
        )


def seed_mentoring(stdout) -> None:
    worker = User.objects.get(email="worker@example.org")
    jordan = User.objects.get(email="ambassador@example.org")
    leo = User.objects.get(email="child@example.org")
    dad = User.objects.get(email="parent@example.org")
    grace = User.objects.get(email="board@example.org")
    amira = User.objects.get(email="young@example.org")
    module = TrainingModule.objects.get(title=TRAINING)
    youth_council = Group.objects.get(slug="youth-council")

    for mentor, trained_days_ago, dbs_days_ago in ((jordan, 120, 200), (grace, 300, 500)):
        _trained(mentor, module, worker, trained_days_ago)
        _dbs(mentor, worker, dbs_days_ago)

    # Peer mentoring: Jordan (19, a HeadStart Ambassador) and Leo (11). Leo's dad can end it.
    _pair(
        kind=PairingKind.PEER,
        mentor=jordan,
        mentee=leo,
        worker=worker,
        parent_carer=dad,
        started_days_ago=42,
        goals=["Feel OK about starting secondary school", "Try one new club at the youth centre"],
        meetings=[
            (
                35,
                "Bilston Youth Project",
                "Got to know each other. Talked about moving up to "
                "secondary school and what Leo is looking forward to.",
                jordan,
            ),
            (
                21,
                "Bilston Youth Project",
                "Looked at the clubs on offer. Leo picked football on Tuesdays to try.",
                jordan,
            ),
        ],
    )
    # Board mentoring: Councillor Grace Ade (Growing Well Board) and Amira (Youth MP).
    _pair(
        kind=PairingKind.BOARD,
        mentor=grace,
        mentee=amira,
        worker=worker,
        group=youth_council,
        started_days_ago=60,
        goals=["Take the Youth Council's top issue to the Growing Well Board"],
        meetings=[
            (
                45,
                "Wolverhampton Civic Centre",
                "How the Growing Well Board works and who sits "
                "on it. Planned how to present the Make Your Mark results.",
                grace,
            ),
        ],
    )
    if not RecordCheck.objects.filter(person=amira).exists():
        services.record_check_ask(person=amira, note="It is for my college application.")
    # Jordan's record was checked, so it shows who checked it, and can be downloaded as a PDF.
    if not RecordCheck.objects.filter(person=jordan).exists():
        check = services.record_check_ask(person=jordan, note="For my apprenticeship form.")
        services.record_check_confirm(check=check, checked_by=worker)
    stdout.write("  mentoring: 2 pairings, 2 DBS checks, 1 record check asked for, 1 checked")
