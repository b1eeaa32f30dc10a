from django.db import migrations


def forget_html(apps, schema_editor):
    """The "Trả lời" link in a comment's stored HTML now leads to the reply page
    (comments:reply) instead of "?tra_loi=" on the article, whose page is the same for every
    reader. Emptied, each comment's HTML is written again the next time its thread is read
    (comments.selectors.comments_for_article) or a moderator acts on it: one UPDATE here
    instead of rendering every comment during the migration."""
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.exclude(html="").update(html="")


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_comment_html")]

    operations = [migrations.RunPython(forget_html, migrations.RunPython.noop, elidable=True)]
