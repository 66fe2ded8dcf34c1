"""Who may do what with elections: every rule, with the words it says when it says no.

Services ask `require(actor, "elections.<rule>", obj)`; views and templates ask `has_perm`.
Which elections a person may see at all is decided once, in selectors.elections_visible_to.
Whether a young person may stand or vote in a given constituency (age, area, group) is not a
permission: it is the base eligibility service, asked through eligibility.py, which gives the
reason in plain words.
"""

import rules

from participation.access import permission
from participation.permissions import is_administrator, is_worker, is_young_person

from .models import ElectionStatus

is_manager = is_worker | is_administrator

WORKERS_ONLY = "Only a participation worker can do this."


@rules.predicate
def is_closed(user, election) -> bool:
    return election is not None and election.status == ElectionStatus.CLOSED


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_station_contact(user, station) -> bool:
    return station is not None and user.is_authenticated and station.contact_id == user.pk


@rules.predicate
def is_own_candidacy(user, candidate) -> bool:
    return (
        candidate is not None
        and user.is_authenticated
        and candidate.user_id is not None
        and candidate.user_id == user.pk
    )


permission("elections.view_elections", is_authenticated, refusal="Log in to see elections.")
# The worker's pages and every change to how an election is set up and run.
permission("elections.manage_election", is_manager, refusal=WORKERS_ONLY)
permission("elections.create_election", is_manager, refusal=WORKERS_ONLY)
permission("elections.set_up_election", is_manager, refusal=WORKERS_ONLY)
permission("elections.publish_election", is_manager, refusal=WORKERS_ONLY)
permission("elections.close_election", is_manager, refusal=WORKERS_ONLY)
permission("elections.review_candidate", is_manager, refusal=WORKERS_ONLY)
permission("elections.resolve_tie", is_manager, refusal=WORKERS_ONLY)
permission("elections.adopt_topic", is_manager, refusal=WORKERS_ONLY)
permission("elections.add_station", is_manager, refusal=WORKERS_ONLY)
# A polling-station contact (a teacher or youth worker) may do three things only: see their
# station's turnout, print its papers and codes, and enter its paper count.
permission(
    "elections.run_station",
    is_manager | is_station_contact,
    refusal="Only this polling station's contact or a worker can do this.",
)
# Whether this young person may stand or vote in this constituency is the eligibility check,
# which gives the reason when they can't.
permission("elections.stand", is_young_person, refusal="Only young people can stand.")
permission("elections.vote", is_young_person, refusal="Only young people can vote.")
permission(
    "elections.withdraw_candidacy",
    is_own_candidacy,
    refusal="You can only withdraw yourself.",
)
# Results are public once counted; selectors decide which elections anyone may see at all.
permission(
    "elections.view_results",
    is_closed | is_manager,
    refusal="The results come out after voting closes.",
)
