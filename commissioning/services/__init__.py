"""Every write of commissioning and recruitment panels goes through a function here."""

from .bids import (
    attachment_add,
    bid_reopen,
    bid_save,
    bid_submit,
    bid_withdraw,
    clarification_answer,
    clarification_ask,
)
from .panels import (
    decision_record,
    declaration_make,
    reminders_send,
    scores_save,
    shortlist_set,
)
from .recruitment import (
    candidate_add,
    candidates_erase_due,
    recruitment_close,
    recruitment_create,
    recruitment_question_add,
    recruitment_shortlist,
    recruitment_start,
)
from .rounds import criteria_set, round_create, round_move, round_update
from .spec import (
    comment_add,
    section_save,
    spec_publish,
    statement_decide,
    statement_prioritise,
    statement_propose,
)

__all__ = [
    "attachment_add",
    "bid_reopen",
    "bid_save",
    "bid_submit",
    "bid_withdraw",
    "candidate_add",
    "candidates_erase_due",
    "clarification_answer",
    "clarification_ask",
    "comment_add",
    "criteria_set",
    "decision_record",
    "declaration_make",
    "recruitment_close",
    "recruitment_create",
    "recruitment_question_add",
    "recruitment_shortlist",
    "recruitment_start",
    "reminders_send",
    "round_create",
    "round_move",
    "round_update",
    "scores_save",
    "section_save",
    "shortlist_set",
    "spec_publish",
    "statement_decide",
    "statement_prioritise",
    "statement_propose",
]
