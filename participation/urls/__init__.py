from django.urls import include, path

from participation import views
from participation.views import my_data

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("join/under-13/", views.Under13View.as_view(), name="under_13"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("my-data/", my_data.MyDataView.as_view(), name="my_data"),
    path("my-data/download/", my_data.MyDataDownloadView.as_view(), name="my_data_download"),
    path("staff/", views.StaffHomeView.as_view(), name="staff_home"),
    path(
        "staff/young-people/new/", views.YoungPersonCreateView.as_view(), name="young_person_create"
    ),
    path("training/", include("participation.urls.training")),
    path("activities/", include("participation.urls.activities")),
    path("staff/organisations/", include("participation.urls.organisations")),
]
