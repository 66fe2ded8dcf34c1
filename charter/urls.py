from django.urls import path

from . import views

app_name = "charter"

urlpatterns = [
    path("", views.CharterListView.as_view(), name="list"),
    path("organisations/<int:pk>/", views.OrganisationView.as_view(), name="organisation"),
    path("signatories/<int:pk>/", views.SignatoryView.as_view(), name="signatory"),
    path("signatories/<int:pk>/renew/", views.RenewView.as_view(), name="renew"),
    path(
        "signatories/<int:pk>/promises/<int:promise>/pledge/",
        views.PledgeView.as_view(),
        name="pledge",
    ),
    path(
        "signatories/<int:pk>/promises/<int:promise>/evidence/",
        views.EvidenceAddView.as_view(),
        name="evidence_add",
    ),
    path(
        "signatories/<int:pk>/promises/<int:promise>/judge/",
        views.JudgeView.as_view(),
        name="judge",
    ),
    path("signatories/<int:pk>/visits/new/", views.VisitView.as_view(), name="visit_add"),
    path("activities/<int:pk>/rate-staff/", views.RateStaffView.as_view(), name="rate_staff"),
    path(
        "signatories/<int:pk>/judgements/<int:judgement>/answer/",
        views.AnswerView.as_view(),
        name="answer",
    ),
    path("evidence/<int:pk>/file/", views.EvidenceFileView.as_view(), name="evidence_file"),
    path("<slug:slug>/", views.CharterView.as_view(), name="detail"),
    path("<slug:slug>/sign/", views.SignView.as_view(), name="sign"),
    path("<slug:slug>/principles/new/", views.PrincipleAddView.as_view(), name="principle_add"),
    path("<slug:slug>/promises/new/", views.PromiseAddView.as_view(), name="promise_add"),
    path("<slug:slug>/staff-ratings/", views.StaffRatingsView.as_view(), name="staff_ratings"),
]
