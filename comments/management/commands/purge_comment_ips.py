from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from comments import conf, services
from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Xóa địa chỉ IP của các bình luận cũ hơn COMMENT_IP_RETENTION_DAYS ngày "
        "(chạy hằng ngày, ví dụ bằng cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Số ngày giữ IP (mặc định lấy từ cấu hình)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")

    def handle(self, *args, days=None, dry_run=False, **options):
        retention = conf.ip_retention() if days is None else timedelta(days=days)
        if retention.days < 0:
            raise CommandError("Số ngày phải từ 0 trở lên.")
        cutoff = timezone.now() - retention
        if dry_run:
            count = Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).count()
            self.stdout.write(
                f"Sẽ xóa IP của {count} bình luận gửi trước {cutoff:%d/%m/%Y %H:%M} UTC."
            )
            return
        count = services.comments_purge_ips(older_than=cutoff)
        self.stdout.write(f"Đã xóa IP của {count} bình luận gửi trước {cutoff:%d/%m/%Y %H:%M} UTC.")
