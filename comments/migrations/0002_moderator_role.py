from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Give the moderators' group its permissions from the one map (newsroom.roles)."""

    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0001_roles"),
        # The map also names permissions of articles' later migrations; sync after them.
        ("articles", "0003_sync_roles_inline_permissions"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
