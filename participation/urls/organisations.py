from django.urls import path

from participation.views import organisations as views

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
]
