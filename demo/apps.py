from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo paper: `seed_demo`, its written content and its drawn photos."""

    name = "demo"
    verbose_name = _("Báo mẫu")
