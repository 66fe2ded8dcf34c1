from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("", views.ForumListView.as_view(), name="list"),
    path("new/", views.ForumCreateView.as_view(), name="create"),
    path("mine/", views.MyForumsView.as_view(), name="mine"),
    path("care-status/", views.CareStatusView.as_view(), name="care_status"),
    path("policy-items/", views.PolicyItemListView.as_view(), name="policy_items"),
    path(
        "policy-items/<int:pk>/respond/",
        views.PolicyItemRespondView.as_view(),
        name="policy_item_respond",
    ),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path(
        "applications/<int:pk>/withdraw/",
        views.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path("nominations/<int:pk>/", views.NominationView.as_view(), name="nomination"),
    path("meetings/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/agenda/new/", views.AgendaItemAddView.as_view(), name="agenda_add"),
    path("meetings/<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path("meetings/<int:pk>/actions/new/", views.ActionAddView.as_view(), name="action_add"),
    path("actions/<int:pk>/status/", views.ActionStatusView.as_view(), name="action_status"),
    path(
        "actions/<int:pk>/you-said/",
        views.ActionRaiseYouSaidView.as_view(),
        name="action_you_said",
    ),
    # The Youth Council's year: annual reports (views/year.py).
    path("annual-reports/<int:pk>/", views.AnnualReportView.as_view(), name="annual_report"),
    path(
        "annual-reports/<int:pk>/words/",
        views.AnnualReportWordsView.as_view(),
        name="annual_report_words",
    ),
    path(
        "annual-reports/<int:pk>/refresh/",
        views.AnnualReportRefreshView.as_view(),
        name="annual_report_refresh",
    ),
    path(
        "annual-reports/<int:pk>/publish/",
        views.AnnualReportPublishView.as_view(),
        name="annual_report_publish",
    ),
    path(
        "annual-reports/<int:pk>/recipients/",
        views.AnnualReportRecipientsView.as_view(),
        name="annual_report_recipients",
    ),
    path(
        "annual-reports/<int:pk>/send/",
        views.AnnualReportSendView.as_view(),
        name="annual_report_send",
    ),
    path(
        "annual-reports/<int:pk>/pdf/",
        views.AnnualReportPdfView.as_view(),
        name="annual_report_pdf",
    ),
    path(
        "annual-reports/shared/<str:token>/",
        views.SharedReportView.as_view(),
        name="annual_report_shared",
    ),
    path(
        "annual-reports/shared/<str:token>/pdf/",
        views.SharedReportPdfView.as_view(),
        name="annual_report_shared_pdf",
    ),
    path("<slug:slug>/", views.ForumDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", views.ForumEditView.as_view(), name="edit"),
    path("<slug:slug>/workers/", views.ForumWorkersView.as_view(), name="workers"),
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path("<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
    path("<slug:slug>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("<slug:slug>/leave/", views.LeaveView.as_view(), name="leave"),
    path("<slug:slug>/members/", views.MembersView.as_view(), name="members"),
    path("<slug:slug>/members/add/", views.MemberAddView.as_view(), name="member_add"),
    path("<slug:slug>/members/<int:user_id>/", views.MemberView.as_view(), name="member"),
    path("<slug:slug>/requests/", views.RequestsView.as_view(), name="requests"),
    path("<slug:slug>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path(
        "<slug:slug>/task-groups/new/",
        views.TaskGroupCreateView.as_view(),
        name="task_group_create",
    ),
    path("<slug:slug>/task-groups/<int:pk>/", views.TaskGroupView.as_view(), name="task_group"),
    path(
        "<slug:slug>/task-groups/<int:task_group>/meetings/new/",
        views.MeetingCreateView.as_view(),
        name="task_group_meeting_create",
    ),
    path(
        "<slug:slug>/annual-reports/", views.AnnualReportListView.as_view(), name="annual_reports"
    ),
    path(
        "<slug:slug>/annual-reports/new/",
        views.AnnualReportStartView.as_view(),
        name="annual_report_start",
    ),
    path(
        "<slug:slug>/policy-items/new/",
        views.PolicyItemProposeView.as_view(),
        name="policy_item_propose",
    ),
]
