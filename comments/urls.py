from django.urls import path

from comments import moderation, views
from newsroom import converters  # noqa: F401  registers <id:…>

app_name = "comments"

urlpatterns = [
    path("gui/<id:article_pk>/", views.post, name="post"),
    path("da-gui/<id:article_pk>/", views.posted, name="posted"),
    # What a cached article page cannot carry: the form's CSRF token and signed timestamp.
    path("phien/<id:article_pk>/", views.form_session, name="form_session"),
    path("tra-loi/<id:pk>/", views.reply, name="reply"),
    path("kiem-duyet/", moderation.queue, name="queue"),
    path("kiem-duyet/hang-loat/", moderation.bulk, name="bulk"),
    path("kiem-duyet/<id:pk>/", moderation.moderate, name="moderate"),
    path("kiem-duyet/<id:pk>/xu-ly/", moderation.act, name="act"),
]
