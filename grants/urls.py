from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="list"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("showcase/", views.ShowcaseView.as_view(), name="showcase"),
    path("showcase/check/", views.ShowcaseQueueView.as_view(), name="showcase_queue"),
    path("showcase/<int:pk>/report/", views.ShowcaseReportView.as_view(), name="showcase_report"),
    path(
        "showcase/<int:pk>/publish/", views.ShowcasePublishView.as_view(), name="showcase_publish"
    ),
    path("showcase/<int:pk>/hide/", views.ShowcaseHideView.as_view(), name="showcase_hide"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<slug:slug>/", views.RoundView.as_view(), name="round"),
    path("rounds/<slug:slug>/apply/", views.StartView.as_view(), name="start"),
    path("rounds/<slug:slug>/manage/", views.RoundManageView.as_view(), name="manage"),
    path("rounds/<slug:slug>/reviewers/add/", views.ReviewerAddView.as_view(), name="reviewer_add"),
    path("rounds/<slug:slug>/reviews/", views.ReviewsView.as_view(), name="reviews"),
    path("rounds/<slug:slug>/reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path(
        "rounds/<slug:slug>/reviews/<int:pk>/conflict/",
        views.ConflictView.as_view(),
        name="conflict",
    ),
    path("rounds/<slug:slug>/panel/", views.PanelView.as_view(), name="panel"),
    path(
        "rounds/<slug:slug>/panel/close-reviews/",
        views.CloseReviewsView.as_view(),
        name="close_reviews",
    ),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path("applications/<int:pk>/edit/", views.EditView.as_view(), name="edit"),
    path("applications/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("applications/<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("applications/<int:pk>/consent/", views.ConsentView.as_view(), name="consent"),
    path(
        "applications/<int:pk>/showcase/",
        views.ShowcaseSuggestView.as_view(),
        name="showcase_suggest",
    ),
    path("awards/<int:pk>/", views.AwardView.as_view(), name="award"),
    path("awards/<int:pk>/pay/", views.PaymentView.as_view(), name="pay"),
    path("awards/<int:pk>/receipts/new/", views.ReceiptAddView.as_view(), name="receipt_add"),
    path("awards/<int:pk>/visits/new/", views.VisitPlanView.as_view(), name="visit_plan"),
    path("visits/<int:pk>/", views.VisitView.as_view(), name="visit"),
    path("receipts/<int:pk>/file/", views.ReceiptFileView.as_view(), name="receipt_file"),
    path("photos/<int:pk>/file/", views.PhotoFileView.as_view(), name="photo_file"),
]
