from django.core.management.base import BaseCommand

from comments import services


class Command(BaseCommand):
    help = (
        "Dựng lại HTML đã lưu của mọi bình luận đã đăng (sau khi đổi mẫu hiển thị, nhãn hoặc "
        "múi giờ của trang)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article", type=int, default=None, help="Chỉ các bình luận của bài này (id)."
        )

    def handle(self, *args, article=None, **options):
        count = services.comments_render_html(article_id=article)
        self.stdout.write(f"Đã dựng lại HTML của {count} bình luận.")
