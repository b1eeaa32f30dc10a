from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db


def aged(article, days, ip):
    comment = make_comment(article, ip_address=ip)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=days))
    return comment


def test_purge_uses_the_retention_setting(article, settings):
    settings.COMMENT_IP_RETENTION_DAYS = 30
    old, recent = aged(article, 31, "203.0.113.1"), aged(article, 29, "203.0.113.2")
    out = StringIO()
    call_command("purge_comment_ips", stdout=out)
    assert "Đã xóa IP của 1 bình luận" in out.getvalue()
    assert list(Comment.objects.order_by("pk").values_list("ip_address", flat=True)) == [
        None,
        "203.0.113.2",
    ]
    assert Comment.objects.get(pk=old.pk).body == old.body  # only the address goes
    assert Comment.objects.get(pk=recent.pk).ip_address == "203.0.113.2"


def test_purge_days_option_and_dry_run(article):
    aged(article, 10, "203.0.113.1")
    out = StringIO()
    call_command("purge_comment_ips", "--days", "7", "--dry-run", stdout=out)
    assert "Sẽ xóa IP của 1 bình luận" in out.getvalue()
    assert Comment.objects.get().ip_address == "203.0.113.1"
    call_command("purge_comment_ips", "--days", "7", stdout=StringIO())
    assert Comment.objects.get().ip_address is None
