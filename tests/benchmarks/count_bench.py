"""Time the Make Your Mark count over a million votes (run under the bench settings).

`python -m tests.benchmarks.count_bench ELECTION_ID N` fills the election's ballot box with N
mixed votes spread over its topics and polling station (in SQL, quickly), then times the count
the close runs (one GROUP BY) and the results by school and area. Prints one JSON line.
"""

import json
import os
import sys
import time

import django


def main(election_id: int, n: int) -> None:
    django.setup()
    from django.db import connection

    from forums.elections import counting, selectors
    from forums.elections.models import Election, ElectionKind, PollingStation, Topic

    election = Election.objects.get(pk=election_id)
    topics = list(Topic.objects.filter(election=election).values_list("pk", flat=True))
    station = PollingStation.objects.filter(election=election).first()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO elections_vote "
            "(id, election_id, candidate_id, topic_id, station_id, mixed) "
            "SELECT gen_random_uuid(), %s, NULL, (%s::bigint[])[1 + (i::bigint * 7919 %% %s)], "
            "CASE WHEN i %% 3 = 0 THEN NULL ELSE %s::bigint END, true "
            "FROM generate_series(1, %s) AS i ORDER BY random()",
            [election.pk, topics, len(topics), station.pk if station else None, n],
        )
        cursor.execute("VACUUM ANALYZE elections_vote")
        cursor.execute("SELECT count(*) FROM elections_vote WHERE election_id = %s", [election.pk])
        (stored,) = cursor.fetchone()
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        tallies = counting.tallies(election_id=election.pk, kind=ElectionKind.TOPICS)
        timings.append(time.perf_counter() - start)
    start = time.perf_counter()
    breakdown = selectors.topic_breakdown(election=election)
    breakdown_seconds = time.perf_counter() - start
    print(
        "COUNT "
        + json.dumps(
            {
                "votes_in_box": stored,
                "counted": sum(tallies.values()),
                "count_seconds_best": round(min(timings), 3),
                "count_seconds_first": round(timings[0], 3),
                "by_school_and_area_seconds": round(breakdown_seconds, 3),
                "city_total": sum(breakdown["city"].values()),
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.benchmarks.settings")
    main(int(sys.argv[1]), int(sys.argv[2]))
