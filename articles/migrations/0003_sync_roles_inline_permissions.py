from django.db import migrations

from newsroom.roles import sync_roles


def sync_newsroom_roles(apps, schema_editor):
    """Give reporters and editors the inline permissions (bylines, placed photos).

    The map is shared: if it already names permissions of an app whose models are not
    migrated yet (comments), the groups before it in ROLES are synced and the rest is left to
    that app's own sync migration, which necessarily runs later.
    """
    try:
        sync_roles(apps, schema_editor)
    except LookupError:
        pass


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_photo_renditions_admin_indexes"),
        ("newsroom", "0001_roles"),
    ]

    operations = [migrations.RunPython(sync_newsroom_roles, migrations.RunPython.noop)]
