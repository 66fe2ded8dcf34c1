"""Demo news and resources from the seeds (HeadStart Kent): the Kent Youth County Council's
newsletter, which keeps young people in Kent "up-to-date on their work, things they have
produced and local services and events", with one issue sent; and Draw Your Own Solution, the
hub the Building Resilience Group (HeadStart Kent and the Youth Council, 2018) launched, "a
broad selection of articles, playlists and videos", with a collection on resilience.

Jordan (the Ambassador) edits both with the participation worker. Jordan wrote about the Big
Conversation (published, on the hub); Amira has one article waiting for the editors and one
draft only she can see.
"""

from django.db import transaction
from django.utils.text import slugify

from participation.models import Activity, Group, GroupKind, Membership, User
from participation.voice.models import ANSWERED
from participation.voice.selectors import public_items

from . import services
from .models import Collection, Newsletter, ResourceKind

NEWSLETTER = "Kent Youth County Council newsletter"
EDITORS = "Youth Council newsletter editors"
RESILIENCE_GROUP = "Building Resilience Group"
COLLECTION = "Building resilience"

BIG_CONVERSATION = """In March the Building Resilience Group and the Youth Council ran the Big
Conversation. Young people from all over Kent came to talk about how we look after our own
wellbeing, and our friends'.

## What we did

We split into groups and every group chose its own question. Mine was: **what helps when you
feel low at school?**

- Talking to one person you trust helps more than a big assembly.
- Having somewhere quiet to go at lunch makes a real difference.
- Sleep, food and moving about sound boring, but they work.

People from CAMHS, school nursing and early help came to listen, and Kent Mind, the Self Esteem
Team and Tree Light Yoga gave talks.

## What happens next

Everything we said goes to the Youth Council, and we will tell you in the next newsletter what
was done about it. You can find more ideas in the
[Kent Resilience Hub](https://www.kentresiliencehub.org.uk/)."""

EXAMS = """Exams can make anyone stressed. Here are five things that help me:

1. Make a plan, but a small one.
2. Take a break every 40 minutes.
3. Go outside, even for five minutes.
4. Tell someone how you feel.
5. Remember: one exam is not your whole life."""

BUSES = """Lots of us stay late for clubs, and the last bus home goes too early. I want to ask the
council to look at later buses."""

LINKS = [
    dict(
        kind=ResourceKind.PLAYLIST,
        title="Building resilience: videos made with young people",
        summary="Short videos about coping when things go wrong, made with young people. "
        "The link opens YouTube's search page.",
        url="https://www.youtube.com/results?search_query=building+resilience+young+people",
        minutes=20,
        being_healthy=True,
        being_you=True,
    ),
    dict(
        kind=ResourceKind.VIDEO,
        title="Kent Resilience Hub: tips for young people",
        summary="Ideas from HeadStart Kent for looking after your wellbeing at school and at home.",
        url="https://www.kentresiliencehub.org.uk/",
        minutes=5,
        being_healthy=True,
        being_connected=True,
    ),
    dict(
        kind=ResourceKind.VIDEO,
        title="Young Minds: looking after yourself",
        summary="Advice from a charity for young people's mental health, on what to do when you "
        "feel worried, sad or angry.",
        url="https://www.youngminds.org.uk/young-person/",
        minutes=8,
        being_healthy=True,
        min_age=13,
    ),
]


def _group(name: str, *, parent=None) -> Group:
    group, _ = Group.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "kind": GroupKind.TASK_GROUP, "parent": parent}
    )
    return group


def _join(group: Group, *people: User) -> None:
    for person in people:
        Membership.objects.get_or_create(group=group, user=person, role="editor", ended_on=None)


@transaction.atomic
def seed_content(stdout) -> None:
    if Newsletter.objects.filter(title=NEWSLETTER).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    worker = people["worker@example.org"]
    amira = people["young@example.org"]
    jordan = people["ambassador@example.org"]
    kent = Group.objects.filter(slug="kent-youth-county-council").first()

    editors = _group(EDITORS, parent=kent)
    resilience = _group(RESILIENCE_GROUP, parent=kent)
    _join(editors, jordan, worker)
    _join(resilience, jordan, worker)
    newsletter = Newsletter.objects.create(
        title=NEWSLETTER,
        slug=slugify(NEWSLETTER),
        summary="Written by the Youth Council, to keep young people in Kent up to date on our "
        "work, things we have made, and local services and events you can get involved in.",
        editorial_group=editors,
    )
    collection = Collection.objects.create(
        title=COLLECTION,
        slug=slugify(COLLECTION),
        summary="Practical ways to build resilience and practise it every day, chosen by the "
        "Building Resilience Group.",
        editorial_group=resilience,
    )

    big = services.article_write(
        author=jordan,
        newsletter=newsletter,
        title="What we learned at the Big Conversation",
        summary="Young people from across Kent shared what helps them look after their "
        "wellbeing. Here is what we heard.",
        body=BIG_CONVERSATION,
        being_healthy=True,
        being_connected=True,
        show_first_name=True,
        on_hub=True,
    )
    big = services.article_submit(article=big, submitted_by=jordan)
    big = services.article_approve(article=big, approved_by=worker)
    # Jordan wrote it for the hub's resilience collection as well.
    big.resource.collection = collection
    big.resource.save(update_fields=["collection"])

    exams = services.article_write(
        author=amira,
        newsletter=newsletter,
        title="Five things that help me when exams get stressful",
        summary="Small things that make exam time easier.",
        body=EXAMS,
        being_healthy=True,
        being_you=True,
        on_hub=True,
    )
    services.article_submit(article=exams, submitted_by=amira)
    services.article_write(
        author=amira,
        newsletter=newsletter,
        title="Why our buses need to run later",
        summary="The last bus goes before clubs finish.",
        body=BUSES,
        being_connected=True,
    )

    for link in LINKS:
        services.resource_add(collection=collection, added_by=jordan, **link)

    services.newsletter_subscribe(newsletter=newsletter, user=amira)
    events = Activity.objects.filter(audience_group__isnull=True, title="The Big Conversation")
    answered = public_items().filter(status__in=list(ANSWERED)).order_by("-id")[:2]
    issue = services.issue_create(
        newsletter=newsletter,
        created_by=jordan,
        title="Spring: the Big Conversation",
        intro="Welcome to our newsletter. This time: what young people said at the Big "
        "Conversation, where to find help with resilience, and what the council did about "
        "things you told us.",
        articles=[big],
        activities=list(events),
        you_said=list(answered),
    )
    services.issue_publish(issue=issue, published_by=worker)
    stdout.write("Youth-made news: the Youth Council newsletter and Draw Your Own Solution.\n")
