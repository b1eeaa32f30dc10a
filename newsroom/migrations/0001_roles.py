from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Create the newsroom's groups from the one permission map (newsroom.roles)."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
