from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Dựng lại nội dung đã lưu (ảnh trong bài) của mọi bài viết: sau khi nâng cấp, hoặc đổi "
        "mẫu hiển thị ảnh, MEDIA_URL hay kích cỡ ảnh."
    )

    def handle(self, *args, **options):
        count = services.articles_write_body_html()
        self.stdout.write(f"Đã dựng lại nội dung của {count} bài viết.")
