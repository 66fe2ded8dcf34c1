from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.NewsView.as_view(), name="news"),
    path("feed/", views.ArticleFeed(), name="feed"),
    path("write/", views.ArticleWriteView.as_view(), name="write"),
    path("mine/", views.MyArticlesView.as_view(), name="mine"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("articles/<int:pk>/", views.ArticleView.as_view(), name="article"),
    path("articles/<int:pk>/edit/", views.ArticleEditView.as_view(), name="article_edit"),
    path("articles/<int:pk>/submit/", views.ArticleSubmitView.as_view(), name="article_submit"),
    path("articles/<int:pk>/approve/", views.ArticleApproveView.as_view(), name="article_approve"),
    path(
        "articles/<int:pk>/send-back/",
        views.ArticleSendBackView.as_view(),
        name="article_send_back",
    ),
    path(
        "articles/<int:pk>/take-down/",
        views.ArticleTakeDownView.as_view(),
        name="article_take_down",
    ),
    path("articles/<int:pk>/report/", views.ArticleReportView.as_view(), name="article_report"),
    path("newsletters/<slug:slug>/", views.NewsletterView.as_view(), name="newsletter"),
    path("newsletters/<slug:slug>/subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path(
        "newsletters/<slug:slug>/unsubscribe/",
        views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "newsletters/<slug:slug>/issues/new/",
        views.IssueCreateView.as_view(),
        name="issue_create",
    ),
    path("issues/<int:pk>/", views.IssueView.as_view(), name="issue"),
    path("issues/<int:pk>/edit/", views.IssueEditView.as_view(), name="issue_edit"),
    path("issues/<int:pk>/publish/", views.IssuePublishView.as_view(), name="issue_publish"),
    path("hub/", views.HubView.as_view(), name="hub"),
    path("hub/add/", views.ResourceAddView.as_view(), name="resource_add"),
    path("hub/<int:pk>/", views.ResourceView.as_view(), name="resource"),
    path("hub/<int:pk>/helpful/", views.ResourceRateView.as_view(), name="resource_rate"),
    path("hub/<int:pk>/report/", views.ResourceReportView.as_view(), name="resource_report"),
]
