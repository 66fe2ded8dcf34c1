from django.urls import path

from participation.middleware import mfa_not_required

from . import views

app_name = "elections"

urlpatterns = [
    path("", views.ElectionListView.as_view(), name="list"),
    path("new/", views.ElectionCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ElectionDetailView.as_view(), name="detail"),
    path("<int:pk>/manage/", views.ManageView.as_view(), name="manage"),
    path("<int:pk>/stand/", views.StandView.as_view(), name="stand"),
    path("<int:pk>/vote/", mfa_not_required(views.VoteView.as_view()), name="vote"),
    path("<int:pk>/code/", views.CodeVoteView.as_view(), name="code_vote"),
    path("<int:pk>/receipts/", views.ReceiptsView.as_view(), name="receipts"),
    path("<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("<int:pk>/results/print/", views.ResultsSheetView.as_view(), name="results_sheet"),
    path("stations/<int:station_pk>/", views.StationView.as_view(), name="station"),
    path(
        "stations/<int:station_pk>/codes/", views.StationCodesView.as_view(), name="station_codes"
    ),
    path(
        "stations/<int:station_pk>/count/", views.StationCountView.as_view(), name="station_count"
    ),
    path(
        "stations/<int:station_pk>/print/<slug:what>/",
        views.StationPrintView.as_view(),
        name="station_print",
    ),
]
