"""Which demo objects fill each URL pattern's arguments: one entry per URL name.

An entry is a function `demo -> kwargs`, or a dict of named variants `{label: function}` when
one object is not enough to show the rules (an ordinary forum and the Children in Care Council,
whose membership reveals care status). A variant's case is written `name[label]` in the expected
file. Patterns without arguments need no entry (they are requested once, with no kwargs); add
one only to request them with variants.

A new URL pattern with arguments and no entry here fails tests/test_all_urls.py by name.
"""

YOUNG = "young@example.org"
YOUTH_COUNCIL = "youth-council"
CICC = "children-in-care-council"
CO_PRODUCTION = "Co-production e-learning"
OPEN_SPACE = "Open Space event: what matters most to you?"
WORKSHOP = "Make Your Mark workshop"


def _forum(slug):
    return lambda d: {"slug": d.forum(slug).slug}


def _election(title):
    return lambda d: {"pk": d.election(title).pk}


def _pk(lookup):
    return lambda d: {"pk": lookup(d).pk}


def _station(d):
    return {"station_pk": d.station("Heath Park School").pk}


def _heath_park(d):
    from participation.models import Organisation

    return Organisation.objects.get(name="Heath Park School")


def _module(d):
    return {"slug": d.module(CO_PRODUCTION).slug}


def _you_said(starts_with):
    def kwargs(d):
        from participation.voice.models import YouSaidItem

        return {"pk": YouSaidItem.objects.get(title__startswith=starts_with).pk}

    return kwargs


BUSES = "Ask the council's transport team"


def _voice_row(model, **lookup):
    from participation.voice import models

    return getattr(models, model).objects.filter(**lookup).order_by("pk").first()


def _consultation(starts_with):
    def kwargs(d):
        from participation.voice.models import Consultation

        return {"pk": Consultation.objects.get(title__startswith=starts_with).pk}

    return kwargs


CO_CHARTER = "Co-Production Charter"
KENT_CHARTER = "Kent Youth Charter"
COUNCIL = "City of Wolverhampton Council"
FEEDBACK_PROMISE = "To seek regular feedback from families"


def _charter_row(model, **lookup):
    from charter import models

    return getattr(models, model).objects.filter(**lookup).order_by("pk").first()


def _organisation(name):
    from participation.models import Organisation

    return Organisation.objects.get(name=name)


def _charter(title):
    return lambda d: {"slug": _charter_row("Charter", title=title).slug}


def _signatory(organisation):
    return _pk(lambda d: _charter_row("Signatory", organisation__name=organisation))


def _promise_of(organisation, promise):
    def kwargs(d):
        signatory = _charter_row("Signatory", organisation__name=organisation)
        return {"pk": signatory.pk, "promise": signatory.version.promises.get(text=promise).pk}

    return kwargs


YC_ELECTION = "Youth Council election"
ORDINARY_AND_CICC = {"youth-council": _forum(YOUTH_COUNCIL), "cicc": _forum(CICC)}

KWARGS = {
    # --- allauth: tokens that are not real show allauth's "bad link" page ----------------
    "account_confirm_email": lambda d: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda d: {"uidb36": "0", "key": "not-a-real-key"},
    # --- forums ------------------------------------------------------------------------
    "forums:policy_item_respond": {
        "youth-council": _pk(lambda d: d.policy_item("Refreshing the Youth Engagement")),
        "cicc": _pk(lambda d: d.policy_item("Corporate Parenting Board report")),
    },
    "forums:application": _pk(lambda d: d.application(YOUNG, "b-safe-team")),
    "forums:application_withdraw": _pk(lambda d: d.application(YOUNG, "b-safe-team")),
    "forums:nomination": _pk(lambda d: d.nomination(YOUNG, "voices-in-youth-justice")),
    "forums:meeting": {
        "youth-council": _pk(lambda d: d.meeting("Youth Council monthly meeting")),
        "cicc": _pk(
            lambda d: d.meeting(
                "Children in Care Council meeting with the Corporate Parenting Board", past=False
            )
        ),
    },
    "forums:agenda_add": _pk(lambda d: d.meeting("Youth Council monthly meeting", past=False)),
    "forums:minutes": _pk(lambda d: d.meeting("Youth Council monthly meeting")),
    "forums:action_add": _pk(lambda d: d.meeting("Youth Council monthly meeting")),
    "forums:action_status": _pk(lambda d: d.action("Ask the council's transport team")),
    "forums:action_you_said": _pk(lambda d: d.action("Ask the council's transport team")),
    "forums:detail": {
        **ORDINARY_AND_CICC,
        "private": _forum("voices-in-youth-justice"),
    },
    "forums:edit": _forum(YOUTH_COUNCIL),
    "forums:workers": _forum(YOUTH_COUNCIL),
    "forums:join": _forum("speakout"),  # the open forum
    "forums:apply": _forum("b-safe-team"),  # joined by application
    "forums:nominate": _forum(CICC),  # joined by nomination
    "forums:leave": _forum(YOUTH_COUNCIL),  # Amira is a member
    "forums:members": ORDINARY_AND_CICC,
    "forums:member_add": _forum(YOUTH_COUNCIL),
    "forums:member": lambda d: {
        "slug": d.forum(YOUTH_COUNCIL).slug,
        "user_id": d.user(YOUNG).pk,
    },
    "forums:requests": _forum(YOUTH_COUNCIL),
    "forums:meeting_create": _forum(YOUTH_COUNCIL),
    "forums:task_group_create": _forum(YOUTH_COUNCIL),
    "forums:task_group": lambda d: {
        "slug": d.forum(YOUTH_COUNCIL).slug,
        "pk": d.task_group("Make Your Mark").pk,
    },
    "forums:task_group_meeting_create": lambda d: {
        "slug": d.forum(YOUTH_COUNCIL).slug,
        "task_group": d.task_group("Make Your Mark").pk,
    },
    "forums:policy_item_propose": _forum(YOUTH_COUNCIL),
    # --- elections -----------------------------------------------------------------------
    "elections:detail": {"voting": _election(YC_ELECTION), "counted": _election("Make Your Mark")},
    "elections:manage": _election(YC_ELECTION),
    # The manage page's actions (each a POST; a GET shows what that gives).
    "elections:publish": _election("Kent Youth County Council election"),
    "elections:close": _election(YC_ELECTION),
    "elections:constituency_add": _election(YC_ELECTION),
    "elections:constituency_rename": lambda d: {
        "pk": d.election(YC_ELECTION).pk,
        "constituency_pk": d.election(YC_ELECTION).constituencies.get().pk,
    },
    "elections:seat_add": _election("Kent Youth County Council election"),
    "elections:station_add": _election(YC_ELECTION),
    "elections:topic_add": _election("Make Your Mark"),
    "elections:review": lambda d: {
        "pk": d.election(YC_ELECTION).pk,
        "candidate_pk": d.candidate(YC_ELECTION, YOUNG).pk,
    },
    "elections:tie": lambda d: {
        "pk": d.election(YC_ELECTION).pk,
        "constituency_pk": d.election(YC_ELECTION).constituencies.get().pk,
    },
    "elections:adopt": lambda d: {
        "pk": d.election("Make Your Mark").pk,
        "topic_pk": d.topic("Make Your Mark", "Mental health and wellbeing").pk,
    },
    "elections:stand": _election("Youth MP election"),  # standing is open
    "elections:withdraw": _election(YC_ELECTION),  # Amira stands in it
    "elections:vote": _election(YC_ELECTION),  # voting is open; Amira stands in it
    "elections:code_vote": _election(YC_ELECTION),
    "elections:receipts": {
        "voting": _election(YC_ELECTION),
        "counted": _election("Make Your Mark"),
    },
    "elections:results": {"voting": _election(YC_ELECTION), "counted": _election("Make Your Mark")},
    "elections:results_sheet": {
        "voting": _election(YC_ELECTION),
        "counted": _election("Make Your Mark"),
    },
    "elections:station": _station,  # Heath Park School, for the Youth Council election
    "elections:station_codes": _station,
    "elections:station_count": _station,
    "elections:station_print": {
        "ballot-papers": lambda d: {**_station(d), "what": "ballot-papers"},
        "leaflets": lambda d: {**_station(d), "what": "leaflets"},
    },
    # --- training --------------------------------------------------------------------------
    "training_person": _pk(lambda d: d.user(YOUNG)),
    "training_certificate": _pk(lambda d: d.completion(YOUNG, "Induction")),
    "training_detail": _module,
    "training_module_edit": _module,
    "training_quiz": _module,
    "training_lesson_create": _module,
    "training_lesson": lambda d: {**_module(d), "number": 1},
    "training_lesson_edit": lambda d: {**_module(d), "number": 1},
    "training_question_create": _module,
    "training_question_edit": lambda d: {**_module(d), "number": 1},
    # --- activities ------------------------------------------------------------------------
    "activity_detail": _pk(lambda d: d.activity(OPEN_SPACE)),
    "activity_edit": _pk(lambda d: d.activity(OPEN_SPACE)),
    "activity_signup": _pk(lambda d: d.activity(OPEN_SPACE)),
    "activity_cancel": _pk(lambda d: d.activity(OPEN_SPACE)),
    "activity_attendance": _pk(lambda d: d.activity(WORKSHOP)),  # in the past
    "activity_consent": lambda d: {
        "pk": d.activity(OPEN_SPACE).pk,
        "signup_pk": d.signup("child@example.org", OPEN_SPACE).pk,  # the under-13's sign-up
    },
    "activity_rung": _pk(lambda d: d.activity(WORKSHOP)),  # Amira was there
    # --- organisations (schools, groups and services) ------------------------------------
    "organisation_edit": _pk(_heath_park),
    # --- you said, we did ------------------------------------------------------------------
    "voice:item": {
        "public": _you_said("Ask the council's transport team"),
        "unapproved": _you_said("More time to change between lessons"),
        "anonymous": _you_said("The path by the park has no lights"),
        "cicc": _you_said("Tell us before our social worker changes"),
        "declined": _you_said("Move the bins collection day"),
    },
    "voice:follow": _you_said("Mental health support in every school"),
    "voice:me_too": _you_said("Mental health support in every school"),
    "voice:approve": _you_said("More time to change between lessons"),
    "voice:route": _you_said("Short breaks for young carers"),
    "voice:decline": _you_said("Short breaks for young carers"),
    "voice:respond": _you_said("The path by the park has no lights"),
    "voice:rate": _you_said("Ask the council's transport team"),
    "voice:reopen": _you_said("Mental health support in every school"),
    "voice:close": _you_said("Ask the council's transport team"),
    "voice:report_item": _you_said("Ask the council's transport team"),
    "voice:report_answer": _pk(lambda d: _voice_row("Response", item__title__startswith=BUSES)),
    "voice:concern_resolve": _pk(lambda d: _voice_row("Concern")),
    "voice:session_feedback": _pk(lambda d: d.activity(WORKSHOP)),  # Amira was there
    "voice:consultation": {
        "open": _consultation("Annual review"),
        "summarised": _consultation("What would make parks better"),
    },
    "voice:question_add": _consultation("Annual review"),
    "voice:consultation_answer": _consultation("Annual review"),
    "voice:consultation_open": _consultation("Annual review"),
    "voice:consultation_close": _consultation("Annual review"),
    "voice:consultation_summary": _consultation("What would make parks better"),
    "voice:consultation_report": _consultation("What would make parks better"),
    # --- charters ----------------------------------------------------------------------------
    "charter:detail": {"co-production": _charter(CO_CHARTER), "kent": _charter(KENT_CHARTER)},
    "charter:sign": _charter(CO_CHARTER),
    "charter:principle_add": _charter(KENT_CHARTER),  # not signed yet, so it can change
    "charter:promise_add": _charter(KENT_CHARTER),
    "charter:signatory": {
        "signed": _signatory(COUNCIL),
        "reviewed": _signatory("HeadStart Wolverhampton"),
        "lapsed": _signatory("Changing Our Lives"),
    },
    "charter:renew": _signatory(COUNCIL),  # the demo officer's own organisation
    "charter:pledge": _promise_of(COUNCIL, FEEDBACK_PROMISE),
    "charter:evidence_add": _promise_of(COUNCIL, FEEDBACK_PROMISE),
    "charter:judge": _promise_of("HeadStart Wolverhampton", FEEDBACK_PROMISE),
    # The demo evidence is words and links; no file, so this one is "not found" for everyone.
    "charter:evidence_file": _pk(lambda d: _charter_row("Evidence")),
    "charter:answer": lambda d: {
        "pk": _charter_row("Signatory", organisation__name=COUNCIL).pk,
        "judgement": _charter_row("Judgement", challenged=True).pk,
    },
    "charter:organisation": _pk(lambda d: _organisation(COUNCIL)),
    "charter:visit_add": _signatory(COUNCIL),  # Jordan, the ambassador, is an inspector
    "charter:rate_staff": _pk(lambda d: d.activity(WORKSHOP)),  # Amira was there
    "charter:staff_ratings": _charter(KENT_CHARTER),
}


def _app_kwargs():
    """Each later app keeps its own table beside its tests (tests/<app>/url_kwargs.py)."""
    import importlib

    for module in (
        "tests.grants.url_kwargs",
        "tests.commissioning.url_kwargs",
        "tests.content.url_kwargs",
        "tests.mentoring.url_kwargs",
        "tests.forums.url_kwargs",
    ):
        KWARGS.update(importlib.import_module(module).KWARGS)


_app_kwargs()
