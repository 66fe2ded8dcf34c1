app_name = "commissioning"

urlpatterns = []
