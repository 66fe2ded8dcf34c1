"""What youth-made news does when a person deletes their account.

A person's articles are deleted, published ones too. An article is a young person's own words,
often about their own life (their school, their health, their family), and a child who deletes
their account should not have to find and ask about each thing they once wrote: the Children's
Code asks that erasure be easy and complete for children. Keeping it "by a young person" would
not make it anonymous: the words themselves can say who wrote it. So the article leaves the
news page, the feed, the hub and every archived issue (the issue keeps its other contents; an
email already sent cannot be called back).

Their "was this helpful?" answers and their subscriptions are erased. Decisions they made as an
editor, issues they put together and hub links they added stay, no longer naming them: they are
the newsletter's and the hub's record, not the person's own words.
"""

from participation.models import User

from .models import Article, HelpfulRating, Issue, Resource, Subscription


def _label(model) -> str:
    return model._meta.label_lower


POLICIES = {
    _label(Article): "erase",
    _label(HelpfulRating): "erase",
    _label(Subscription): "erase",
    _label(Issue): "anonymise",
    _label(Resource): "anonymise",
}


def erase_content_data(user: User) -> None:
    # Their own words go (their hub entries with them, by cascade); what they decided about
    # other people's articles stays without their name.
    Article.objects.filter(author=user).delete()
    Article.objects.filter(decided_by=user).update(decided_by=None)
    HelpfulRating.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    Issue.objects.filter(created_by=user).update(created_by=None)
    Issue.objects.filter(published_by=user).update(published_by=None)
    Resource.objects.filter(added_by=user).update(added_by=None)
