from django.urls import path

from newsroom import converters  # noqa: F401  registers <id:…>
from readership import views

app_name = "readership"

urlpatterns = [
    # "Đọc" (read): the view beacon of an article page (readership/beacon.js).
    path("<id:article_pk>/", views.beacon, name="beacon"),
]
