from django.urls import path

from comments import moderation, views

app_name = "comments"

urlpatterns = [
    path("gui/<int:article_pk>/", views.post, name="post"),
    path("da-gui/<int:article_pk>/", views.posted, name="posted"),
    path("kiem-duyet/", moderation.queue, name="queue"),
    path("kiem-duyet/hang-loat/", moderation.bulk, name="bulk"),
    path("kiem-duyet/<int:pk>/", moderation.moderate, name="moderate"),
    path("kiem-duyet/<int:pk>/xu-ly/", moderation.act, name="act"),
]
