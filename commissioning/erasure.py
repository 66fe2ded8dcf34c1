"""What commissioning does when a person deletes their account.

A young person's own words that are only theirs (comments, ideas not taken into a published
specification, questions for candidates) and their choices go. What became part of the public
record keeps its words without their name: an idea in a published specification that bidders
answered, a bid an organisation sent, a decision. Scores and conflict forms are the engine's
(participation/scoring/erasure.py); the "no conflict" form here goes with them.
"""

from django.db.models import Q

from participation.models import User

from .models import (
    Bid,
    BidAttachment,
    Clarification,
    Decision,
    Declaration,
    Recruitment,
    RecruitmentQuestion,
    Reminder,
    Round,
    SpecComment,
    SpecSection,
    SpecVersion,
    Statement,
    StatementPriority,
    StatementStatus,
)


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Round): "anonymise",
    _label(SpecSection): "anonymise",
    _label(SpecComment): "erase",
    # Accepted ideas are in the published specification bidders answered: kept, unnamed.
    # The rest are only the person's words, and go.
    _label(Statement): "anonymise",
    _label(StatementPriority): "erase",
    _label(SpecVersion): "anonymise",
    _label(Bid): "anonymise",
    _label(BidAttachment): "anonymise",
    _label(Clarification): "anonymise",
    _label(Declaration): "erase",
    _label(Reminder): "erase",
    _label(Decision): "anonymise",
    _label(Recruitment): "anonymise",
    _label(RecruitmentQuestion): "erase",
}


def erase_commissioning_data(user: User) -> None:
    SpecComment.objects.filter(author=user).delete()
    Statement.objects.filter(proposed_by=user).exclude(status=StatementStatus.ACCEPTED).delete()
    Statement.objects.filter(proposed_by=user).update(proposed_by=None)
    Statement.objects.filter(decided_by=user).update(decided_by=None)
    StatementPriority.objects.filter(person=user).delete()
    RecruitmentQuestion.objects.filter(asked_by=user).delete()
    Declaration.objects.filter(person=user).delete()
    Reminder.objects.filter(person=user).delete()
    Round.objects.filter(created_by=user).update(created_by=None)
    SpecSection.objects.filter(updated_by=user).update(updated_by=None)
    SpecVersion.objects.filter(published_by=user).update(published_by=None)
    Bid.objects.filter(Q(created_by=user)).update(created_by=None)
    Bid.objects.filter(submitted_by=user).update(submitted_by=None)
    BidAttachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Clarification.objects.filter(asked_by=user).update(asked_by=None)
    Clarification.objects.filter(answered_by=user).update(answered_by=None)
    Decision.objects.filter(decided_by=user).update(decided_by=None)
    Recruitment.objects.filter(created_by=user).update(created_by=None)
