"""Who may do what in mentoring, with the words each rule says when it refuses.

A pairing's log (goals and meetings) is seen by the pair, the worker who looks after the
pairing and the designated safeguarding leads, nobody else: not other workers, not the
mentee's parent or carer, not board members or administrators. The selector that fetches a
pairing (selectors.pairing_for) applies the same rule, so even a Django superuser gets "not
found" for a log that is not theirs.
"""

import rules

from participation.access import permission
from participation.permissions import is_parent_carer, is_worker, is_young_person
from participation.voice.permissions import is_safeguarding_lead


def _pairing_of(obj):
    """The rules are asked about a pairing or about one of its goals or meetings."""
    return getattr(obj, "pairing", obj)


@rules.predicate
def is_in_the_pair(user, obj) -> bool:
    pairing = _pairing_of(obj)
    return pairing is not None and user.pk in (pairing.mentor_id, pairing.mentee_id)


@rules.predicate
def is_the_mentee(user, obj) -> bool:
    pairing = _pairing_of(obj)
    return pairing is not None and user.pk == pairing.mentee_id


@rules.predicate
def is_the_mentor(user, obj) -> bool:
    pairing = _pairing_of(obj)
    return pairing is not None and user.pk == pairing.mentor_id


@rules.predicate
def is_their_worker(user, obj) -> bool:
    pairing = _pairing_of(obj)
    return pairing is not None and user.pk == pairing.worker_id


@rules.predicate
def is_their_parent_carer(user, obj) -> bool:
    pairing = _pairing_of(obj)
    return pairing is not None and user.pk == pairing.parent_carer_id


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_own_request(user, check) -> bool:
    return check is not None and user.pk == check.person_id


@rules.predicate
def is_checked(user, check) -> bool:
    from .models import RecordCheckStatus

    return check is not None and check.status == RecordCheckStatus.CHECKED


permission(
    "mentoring.pair",
    is_worker,
    refusal="Only a participation worker can pair a mentor with a young person.",
)
permission(
    "mentoring.record_dbs",
    is_worker,
    refusal="Only a participation worker can record a DBS check.",
)
permission(
    "mentoring.see_pairings",
    is_worker,
    refusal="This page is for participation workers.",
)
permission(
    "mentoring.see_own",
    is_logged_in,
    refusal="Log in to see your mentoring.",
)
permission(
    "mentoring.view_pairing",
    is_in_the_pair | (is_worker & is_their_worker) | is_safeguarding_lead,
    refusal="Only the mentor, the young person they mentor, their worker and the safeguarding "
    "lead can see this mentoring.",
)
permission(
    "mentoring.keep_log",
    is_in_the_pair | (is_worker & is_their_worker),
    refusal="Only the mentor, the young person they mentor and their worker can add to this "
    "mentoring's record.",
)
permission(
    "mentoring.end_pairing",
    is_the_mentee
    | is_the_mentor
    | (is_parent_carer & is_their_parent_carer)
    | (is_worker & is_their_worker),
    refusal="Only the young person being mentored, their parent or carer, the mentor or their "
    "worker can end this mentoring.",
)
# Anyone who can see an entry can report a concern about it to the safeguarding lead.
permission(
    "mentoring.report_concern",
    is_in_the_pair | (is_worker & is_their_worker) | is_safeguarding_lead,
    refusal="You can only report a concern about mentoring you can see.",
)

# --- Checking a young person's record -------------------------------------------------------
permission(
    "mentoring.ask_record_check",
    is_young_person,
    refusal="Young people can ask for their record to be checked.",
)
permission(
    "mentoring.check_records",
    is_worker,
    refusal="Only a participation worker can check a young person's record.",
)
permission(
    "mentoring.view_record_check",
    is_own_request | is_worker,
    refusal="You can only see your own record.",
)
# The PDF of a record a worker has checked, for a CV or a college application: the young
# person downloads their own from their record page at any time (mentoring.see_own).
permission(
    "mentoring.download_checked_record",
    (is_own_request | is_worker) & is_checked,
    refusal="A worker can download a young person's record once it has been checked.",
)
