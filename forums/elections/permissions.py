"""Who may do what with elections: `rules` predicates, asked by views and templates.

Which elections a person may see at all is decided once, in selectors.elections_visible_to.
"""

import rules

from participation.permissions import is_administrator, is_worker, is_young_person

from .models import ElectionStatus

is_manager = is_worker | is_administrator


@rules.predicate
def is_closed(user, election) -> bool:
    return election is not None and election.status == ElectionStatus.CLOSED


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_station_contact(user, station) -> bool:
    return station is not None and user.is_authenticated and station.contact_id == user.pk


rules.add_perm("elections.view_elections", is_authenticated)
# A polling-station contact (a teacher or youth worker) may do three things only: see their
# station's turnout, print its papers, and enter its paper count.
rules.add_perm("elections.run_station", is_manager | is_station_contact)
rules.add_perm("elections.manage_election", is_manager)
# Whether this young person may stand or vote in this election is checked by the service,
# which gives the reason when they can't.
rules.add_perm("elections.stand", is_young_person)
rules.add_perm("elections.vote", is_young_person)
# Results are public once counted; selectors decide which elections anyone may see at all.
rules.add_perm("elections.view_results", is_closed | is_manager)
