from django.urls import path

from .views import bids, panels, recruitment, rounds

app_name = "commissioning"

urlpatterns = [
    path("", rounds.RoundListView.as_view(), name="round_list"),
    path("new/", rounds.RoundCreateView.as_view(), name="round_create"),
    # Panels: a young person's places, scoring one item, moderation.
    path("panels/", panels.MyPanelsView.as_view(), name="my_panels"),
    path("score/<int:pk>/", panels.ScoreView.as_view(), name="score"),
    path("score/<int:pk>/conflict/", panels.DeclareView.as_view(), name="declare"),
    path("score/<int:pk>/agree/", panels.ModerateView.as_view(), name="moderate"),
    path(
        "panellists/<int:pk>/remove/",
        panels.PanellistRemoveView.as_view(),
        name="panellist_remove",
    ),
    # Recruitment panels.
    path("recruitment/", recruitment.RecruitmentListView.as_view(), name="recruitment_list"),
    path(
        "recruitment/new/",
        recruitment.RecruitmentCreateView.as_view(),
        name="recruitment_create",
    ),
    path(
        "recruitment/<int:pk>/",
        recruitment.RecruitmentDetailView.as_view(),
        name="recruitment_detail",
    ),
    path(
        "recruitment/<int:pk>/candidates/new/",
        recruitment.CandidateAddView.as_view(),
        name="candidate_add",
    ),
    path(
        "recruitment/<int:pk>/questions/new/",
        recruitment.QuestionAddView.as_view(),
        name="recruitment_question_add",
    ),
    path(
        "recruitment/<int:pk>/panel/new/",
        recruitment.RecruitmentPanellistAddView.as_view(),
        name="recruitment_panellist_add",
    ),
    path(
        "recruitment/<int:pk>/start/",
        recruitment.RecruitmentStartView.as_view(),
        name="recruitment_start",
    ),
    path(
        "recruitment/<int:pk>/shortlist/",
        recruitment.RecruitmentShortlistView.as_view(),
        name="recruitment_shortlist",
    ),
    path(
        "recruitment/<int:pk>/close/",
        recruitment.RecruitmentCloseView.as_view(),
        name="recruitment_close",
    ),
    path("<slug:slug>/", rounds.RoundDetailView.as_view(), name="round_detail"),
    path("<slug:slug>/edit/", rounds.RoundEditView.as_view(), name="round_edit"),
    path("<slug:slug>/move/<str:move>/", rounds.RoundMoveView.as_view(), name="round_move"),
    # The co-designed specification.
    path("<slug:slug>/specification/", rounds.SpecDraftView.as_view(), name="spec_draft"),
    path(
        "<slug:slug>/specification/sections/new/",
        rounds.SectionFormView.as_view(),
        name="section_add",
    ),
    path(
        "<slug:slug>/specification/sections/<int:section>/",
        rounds.SectionFormView.as_view(),
        name="section_edit",
    ),
    path(
        "<slug:slug>/specification/sections/<int:section>/comment/",
        rounds.CommentAddView.as_view(),
        name="comment_add",
    ),
    path(
        "<slug:slug>/specification/sections/<int:section>/suggest/",
        rounds.StatementProposeView.as_view(),
        name="statement_propose",
    ),
    path(
        "statements/<int:pk>/choose/",
        rounds.StatementPrioritiseView.as_view(),
        name="statement_prioritise",
    ),
    path(
        "statements/<int:pk>/decide/", rounds.StatementDecideView.as_view(), name="statement_decide"
    ),
    path(
        "<slug:slug>/specification/publish/", rounds.SpecPublishView.as_view(), name="spec_publish"
    ),
    path(
        "<slug:slug>/specification/versions/",
        rounds.SpecVersionsView.as_view(),
        name="spec_versions",
    ),
    path("<slug:slug>/criteria/", rounds.CriteriaEditView.as_view(), name="criteria_edit"),
    path(
        "<slug:slug>/presentation-questions/",
        rounds.PresentationCriteriaEditView.as_view(),
        name="presentation_criteria_edit",
    ),
    # Bids and questions.
    path("<slug:slug>/my-bid/", bids.BidEditView.as_view(), name="bid_edit"),
    path("bids/<int:pk>/", bids.BidDetailView.as_view(), name="bid_detail"),
    path("bids/<int:pk>/send/", bids.BidSubmitView.as_view(), name="bid_submit"),
    path("bids/<int:pk>/change/", bids.BidReopenView.as_view(), name="bid_reopen"),
    path("bids/<int:pk>/withdraw/", bids.BidWithdrawView.as_view(), name="bid_withdraw"),
    path("bids/<int:pk>/files/new/", bids.AttachmentAddView.as_view(), name="attachment_add"),
    path("files/<int:pk>/", bids.AttachmentFileView.as_view(), name="attachment_file"),
    path("<slug:slug>/questions/", bids.ClarificationsView.as_view(), name="clarifications"),
    path("bids/<int:pk>/feedback/", panels.FeedbackView.as_view(), name="feedback"),
    # Running the panels, the shortlist, the decision and the round's record.
    path("<slug:slug>/panel/<str:which>/", panels.PanelView.as_view(), name="panel"),
    path(
        "<slug:slug>/panel/<str:which>/scores/",
        panels.ModerationView.as_view(),
        name="moderation",
    ),
    path("<slug:slug>/shortlist/", panels.ShortlistView.as_view(), name="shortlist"),
    path("<slug:slug>/decision/", panels.DecisionView.as_view(), name="decision"),
    path("<slug:slug>/record/", panels.AuditTrailView.as_view(), name="audit"),
    path(
        "questions/<int:pk>/answer/",
        bids.ClarificationAnswerView.as_view(),
        name="clarification_answer",
    ),
]
