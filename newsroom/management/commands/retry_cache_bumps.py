from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from newsroom.cache import retry_kept_bumps
from newsroom.models import PendingBump


class Command(BaseCommand):
    help = _(
        "Báo cho bộ nhớ đệm (cache) những thay đổi được giữ lại khi nó không trả lời, để các "
        "trang cũ không còn được phục vụ."
    )

    def handle(self, *args, **options):
        moved = retry_kept_bumps()
        waiting = PendingBump.objects.count()
        self.stdout.write(
            _("Đã báo %(moved)s thay đổi; còn chờ %(waiting)s.")
            % {"moved": moved, "waiting": waiting}
        )
