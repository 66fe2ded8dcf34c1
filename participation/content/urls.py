app_name = "content"

urlpatterns = []
