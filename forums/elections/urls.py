from django.urls import path

from participation.middleware import mfa_not_required

from .views import manage, pages, standing, stations, voting

app_name = "elections"

urlpatterns = [
    path("", pages.ElectionListView.as_view(), name="list"),
    path("new/", pages.ElectionCreateView.as_view(), name="create"),
    path("<int:pk>/", pages.ElectionDetailView.as_view(), name="detail"),
    path("<int:pk>/manage/", manage.ManageView.as_view(), name="manage"),
    # One address per thing a worker does on the manage page, each a POST.
    path("<int:pk>/manage/publish/", manage.PublishView.as_view(), name="publish"),
    path("<int:pk>/manage/close/", manage.CloseView.as_view(), name="close"),
    path(
        "<int:pk>/manage/constituencies/",
        manage.ConstituencyAddView.as_view(),
        name="constituency_add",
    ),
    path(
        "<int:pk>/manage/constituencies/<int:constituency_pk>/name/",
        manage.ConstituencyRenameView.as_view(),
        name="constituency_rename",
    ),
    path("<int:pk>/manage/seats/", manage.ReservedSeatAddView.as_view(), name="seat_add"),
    path("<int:pk>/manage/stations/", manage.StationAddView.as_view(), name="station_add"),
    path("<int:pk>/manage/topics/", manage.TopicAddView.as_view(), name="topic_add"),
    path(
        "<int:pk>/manage/candidates/<int:candidate_pk>/review/",
        manage.ReviewView.as_view(),
        name="review",
    ),
    path(
        "<int:pk>/manage/constituencies/<int:constituency_pk>/tie/",
        manage.TieView.as_view(),
        name="tie",
    ),
    path("<int:pk>/manage/topics/<int:topic_pk>/adopt/", manage.AdoptView.as_view(), name="adopt"),
    path("<int:pk>/stand/", standing.StandView.as_view(), name="stand"),
    path("<int:pk>/stand/withdraw/", standing.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/vote/", mfa_not_required(voting.VoteView.as_view()), name="vote"),
    path("<int:pk>/code/", voting.CodeVoteView.as_view(), name="code_vote"),
    path("<int:pk>/receipts/", pages.ReceiptsView.as_view(), name="receipts"),
    path("<int:pk>/results/", pages.ResultsView.as_view(), name="results"),
    path("<int:pk>/results/print/", pages.ResultsSheetView.as_view(), name="results_sheet"),
    path("stations/<int:station_pk>/", stations.StationView.as_view(), name="station"),
    path(
        "stations/<int:station_pk>/codes/",
        stations.StationCodesView.as_view(),
        name="station_codes",
    ),
    path(
        "stations/<int:station_pk>/count/",
        stations.StationCountView.as_view(),
        name="station_count",
    ),
    path(
        "stations/<int:station_pk>/print/<slug:what>/",
        stations.StationPrintView.as_view(),
        name="station_print",
    ),
]
