from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from readership.services import views_flush


class Command(BaseCommand):
    help = _("Ghi các lượt đọc đang đệm trong bộ nhớ đệm (cache) vào bảng lượt đọc theo ngày.")

    def handle(self, *args, **options):
        written = views_flush()
        self.stdout.write(_("Đã ghi %(count)s lượt đọc.") % {"count": written})
