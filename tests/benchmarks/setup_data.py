"""Make a bench election and its voters, and write one request line per voter.

Run under the bench settings:
`python -m tests.benchmarks.setup_data OUT_DIR N_VOTERS N_WARMUP N_CODES`.
Each line of OUT_DIR/<name>.txt is "<cookie header>\\t<form body>" for one voter (voters.txt,
warmup.txt: logged-in young people; codes.txt: one-time voting codes, no account).
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import django

CSRF_SECRET = "benchbenchbenchbenchbenchbench12"  # 32 characters, as Django's cookie holds


def main(out_dir: Path, voters: int, warmup: int, codes: int) -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.db import connection
    from django.utils import timezone

    from forums.elections.models import (
        Candidate,
        CandidateStatus,
        Constituency,
        Election,
        ElectionKind,
        ElectionStatus,
    )
    from participation.models import Group, GroupKind, Membership, Role, RoleAssignment, User

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare_insert "
            "(id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())"
        )
    council = Group.objects.create(name="Youth Council", slug="youth-council", kind=GroupKind.FORUM)
    password = make_password("bench-password-not-used")
    dob = now.date().replace(year=now.year - 15, month=1, day=1)
    backend = "django.contrib.auth.backends.ModelBackend"

    def election(title, count, start):
        e = Election.objects.create(
            title=title,
            kind=ElectionKind.CANDIDATES,
            status=ElectionStatus.OPEN,
            max_choices=1,
            nominations_open_at=now - timedelta(days=3),
            nominations_close_at=now - timedelta(days=2),
            voting_opens_at=now - timedelta(days=1),
            voting_closes_at=now + timedelta(days=1),
            group=council,
        )
        c = Constituency.objects.create(
            election=e,
            name=title,
            seats=2,
            voters_group=council,
            voter_min_age=11,
            voter_max_age=18,
        )
        people = User.objects.bulk_create(
            User(
                email=f"voter{start + i}@bench.example.org",
                first_name=f"Voter{start + i}",
                password=password,
                date_of_birth=dob,
                area="Bilston",
            )
            for i in range(count)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=p, role=Role.YOUNG_PERSON) for p in people
        )
        Membership.objects.bulk_create(Membership(group=council, user=p) for p in people)
        candidates = [
            Candidate.objects.create(
                constituency=c,
                user=people[i],
                manifesto="Vote for me",
                status=CandidateStatus.APPROVED,
            )
            for i in range(4)
        ]
        session_hash = people[0].get_session_auth_hash()  # same password hash for everyone
        lines = []
        for i, person in enumerate(people):
            session = SessionStore()
            session["_auth_user_id"] = str(person.pk)
            session["_auth_user_backend"] = backend
            session["_auth_user_hash"] = session_hash
            session.save()
            cookie = (
                f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
                f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}"
            )
            body = (
                f"csrfmiddlewaretoken={CSRF_SECRET}&constituency={c.pk}"
                f"&choice={candidates[i % len(candidates)].pk}"
            )
            lines.append(f"{cookie}\t{body}")
        return e, c, lines

    # Make Your Mark with voting codes printed for one school: no accounts, no sessions.
    from forums.elections.codes import hash_voting_code, new_voting_code
    from forums.elections.models import PollingStation, Topic, VotingCode
    from participation.models import Organisation, OrganisationKind

    mym = Election.objects.create(
        title="Make Your Mark",
        kind=ElectionKind.TOPICS,
        status=ElectionStatus.OPEN,
        max_choices=1,
        voting_opens_at=now - timedelta(days=1),
        voting_closes_at=now + timedelta(days=1),
        group=council,
    )
    city = Constituency.objects.create(election=mym, name="Wolverhampton")
    topics = [
        Topic.objects.create(election=mym, title=t)
        for t in (
            "Mental health",
            "Poverty",
            "Climate",
            "Safety",
            "Things to do",
            "Jobs",
            "Transport",
            "Education",
            "Housing",
            "Equality",
        )
    ]
    school = Organisation.objects.create(
        name="Bench School", slug="bench-school", kind=OrganisationKind.SCHOOL, area="Bilston"
    )
    teacher = User.objects.create(email="teacher@bench.example.org", password=password)
    station = PollingStation.objects.create(
        election=mym, constituency=city, organisation=school, contact=teacher
    )
    plain = [new_voting_code() for _ in range(codes)]
    VotingCode.objects.bulk_create(
        (VotingCode(code_hash=hash_voting_code(c), election=mym, station=station) for c in plain),
        batch_size=5000,
    )
    code_lines = [
        f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}\t"
        f"csrfmiddlewaretoken={CSRF_SECRET}&code={c}&choice={topics[i % len(topics)].pk}"
        for i, c in enumerate(plain)
    ]
    (out_dir / "codes.txt").write_text("\n".join(code_lines) + "\n")

    warm, _, warm_lines = election("Warm-up election", warmup, 0)
    main_election, constituency, lines = election("Youth Council election", voters, warmup)
    (out_dir / "warmup.txt").write_text("\n".join(warm_lines) + "\n")
    (out_dir / "voters.txt").write_text("\n".join(lines) + "\n")
    (out_dir / "ids.txt").write_text(
        f"{warm.pk} {main_election.pk} {constituency.pk} {mym.pk} {station.pk}\n"
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.benchmarks.settings")
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
