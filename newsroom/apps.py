from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        # Connects the login lockout's signal receiver (django-axes).
        from newsroom import lockout  # noqa: F401
