from django.urls import path

from . import views

app_name = "voice"

urlpatterns = [
    path("", views.PublicListView.as_view(), name="public"),
    path("organisations/", views.RecordsView.as_view(), name="records"),
    path("raise/", views.RaiseView.as_view(), name="raise"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("workers/", views.WorkerQueueView.as_view(), name="worker_queue"),
    path("officers/", views.OfficerQueueView.as_view(), name="officer_queue"),
    path("leads/", views.LeadsView.as_view(), name="leads"),
    path(
        "safeguarding-leads/",
        views.SafeguardingLeadsView.as_view(),
        name="safeguarding_leads",
    ),
    path("concerns/", views.ConcernsView.as_view(), name="concerns"),
    path(
        "concerns/<int:pk>/deal-with/",
        views.ConcernResolveView.as_view(),
        name="concern_resolve",
    ),
    path("items/<int:pk>/report/", views.ReportItemView.as_view(), name="report_item"),
    path("answers/<int:pk>/report/", views.ReportAnswerView.as_view(), name="report_answer"),
    path("items/<int:pk>/", views.ItemView.as_view(), name="item"),
    path("items/<int:pk>/follow/", views.FollowView.as_view(), name="follow"),
    path("items/<int:pk>/me-too/", views.MeTooView.as_view(), name="me_too"),
    path("items/<int:pk>/approve/", views.ApproveView.as_view(), name="approve"),
    path("items/<int:pk>/route/", views.RouteView.as_view(), name="route"),
    path("items/<int:pk>/decline/", views.DeclineView.as_view(), name="decline"),
    path("items/<int:pk>/answer/", views.RespondView.as_view(), name="respond"),
    path("items/<int:pk>/rate/", views.RateView.as_view(), name="rate"),
    path("items/<int:pk>/send-back/", views.ReopenView.as_view(), name="reopen"),
    path("items/<int:pk>/close/", views.CloseView.as_view(), name="close"),
    path(
        "activities/<int:pk>/feedback/",
        views.SessionFeedbackView.as_view(),
        name="session_feedback",
    ),
    path("consultations/", views.ConsultationListView.as_view(), name="consultations"),
    path("consultations/new/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    path("consultations/<int:pk>/", views.ConsultationView.as_view(), name="consultation"),
    path(
        "consultations/<int:pk>/questions/new/",
        views.QuestionAddView.as_view(),
        name="question_add",
    ),
    path(
        "consultations/<int:pk>/answer/",
        views.ConsultationAnswerView.as_view(),
        name="consultation_answer",
    ),
    path(
        "consultations/<int:pk>/open/",
        views.ConsultationOpenView.as_view(),
        name="consultation_open",
    ),
    path(
        "consultations/<int:pk>/close/",
        views.ConsultationCloseView.as_view(),
        name="consultation_close",
    ),
    path(
        "consultations/<int:pk>/you-said/",
        views.ConsultationSummaryView.as_view(),
        name="consultation_summary",
    ),
    path(
        "consultations/<int:pk>/report/",
        views.ConsultationReportView.as_view(),
        name="consultation_report",
    ),
]
