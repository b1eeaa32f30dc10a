from django.db import migrations


def write_html(apps, schema_editor):
    """The "Trả lời" link in a comment's stored HTML now leads to the reply page
    (comments:reply) instead of "?tra_loi=" on the article, whose page is the same for every
    reader: every public comment's HTML is written again, as 0003 first wrote it. The others
    get theirs when a moderator approves them."""
    from comments.rendering import comment_html

    Comment = apps.get_model("comments", "Comment")
    rows = Comment.objects.filter(status="approved").order_by("pk").only(
        "id", "author_name", "body", "created_at", "edited_at", "html"
    )
    last_pk = 0
    while chunk := list(rows.filter(pk__gt=last_pk)[:1000]):
        for comment in chunk:
            comment.html = comment_html(comment)
        Comment.objects.bulk_update(chunk, ["html"], batch_size=200)
        last_pk = chunk[-1].pk


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_comment_html")]

    operations = [migrations.RunPython(write_html, migrations.RunPython.noop, elidable=True)]
