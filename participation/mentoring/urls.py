from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.MyMentoringView.as_view(), name="mine"),
    path("pairings/", views.PairingListView.as_view(), name="pairings"),
    path("pairings/new/", views.PairView.as_view(), name="pair"),
    path("dbs-checks/", views.DBSCheckView.as_view(), name="dbs"),
    path("<int:pk>/", views.PairingView.as_view(), name="pairing"),
    path("<int:pk>/meetings/new/", views.MeetingLogView.as_view(), name="log_meeting"),
    path("<int:pk>/goals/new/", views.GoalAddView.as_view(), name="add_goal"),
    path("<int:pk>/end/", views.EndView.as_view(), name="end"),
    path("<int:pk>/report/", views.ReportPairingView.as_view(), name="report_pairing"),
    path("goals/<int:pk>/done/", views.GoalDoneView.as_view(), name="goal_done"),
    path("goals/<int:pk>/report/", views.ReportGoalView.as_view(), name="report_goal"),
    path("meetings/<int:pk>/report/", views.ReportMeetingView.as_view(), name="report_meeting"),
    path("record/", views.MyRecordView.as_view(), name="my_record"),
    path("record/pdf/", views.MyRecordPdfView.as_view(), name="my_record_pdf"),
    path("record/ask/", views.AskCheckView.as_view(), name="ask_check"),
    path("record-checks/", views.RecordChecksView.as_view(), name="record_checks"),
    path("record-checks/<int:pk>/", views.RecordCheckView.as_view(), name="record_check"),
    path(
        "record-checks/<int:pk>/pdf/", views.RecordCheckPdfView.as_view(), name="record_check_pdf"
    ),
    path(
        "record-checks/<int:pk>/confirm/",
        views.RecordCheckConfirmView.as_view(),
        name="record_check_confirm",
    ),
    path(
        "record-checks/<int:pk>/turn-down/",
        views.RecordCheckTurnDownView.as_view(),
        name="record_check_turn_down",
    ),
]
