"""The one permission map: which newsroom role holds which Django permissions.

Groups are created and kept in step with this map by data migrations calling `sync_roles`;
when a feature adds a permission, it adds it here and ships a migration that calls
`sync_roles` again. Finer rules (a reporter edits only their own drafts) are enforced where
the action happens, by `articles.permissions`, from the same role names.
"""

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt viên"

ROLES = (REPORTER, EDITOR, MODERATOR)


def _crud(app_model, *actions):
    app, model = app_model.split(".")
    return [f"{app}.{action}_{model}" for action in actions]


ROLE_PERMISSIONS = {
    REPORTER: [
        *_crud("articles.article", "add", "change", "view"),
        "articles.submit_article",
        # Bylines and placed photos are edited inline with the article (own drafts only).
        *_crud("articles.bylinecredit", "add", "change", "delete", "view"),
        *_crud("articles.articlephoto", "add", "change", "delete", "view"),
        *_crud("articles.photo", "add", "change", "view"),
        *_crud("articles.tag", "add", "view"),
        *_crud("articles.contributor", "add", "view"),
        *_crud("articles.section", "view"),
        *_crud("articles.region", "view"),
    ],
    EDITOR: [
        *_crud("articles.article", "add", "change", "delete", "view"),
        "articles.submit_article",
        "articles.publish_article",
        *_crud("articles.bylinecredit", "add", "change", "delete", "view"),
        *_crud("articles.articlephoto", "add", "change", "delete", "view"),
        *_crud("articles.photo", "add", "change", "delete", "view"),
        *_crud("articles.tag", "add", "change", "delete", "view"),
        *_crud("articles.contributor", "add", "change", "delete", "view"),
        *_crud("articles.section", "add", "change", "view"),
        *_crud("articles.region", "add", "change", "view"),
    ],
    MODERATOR: [
        # The queue and its actions (comments.moderation) need moderate_comment; the admin
        # shows comments read-only; the word lists are theirs to keep.
        "comments.moderate_comment",
        *_crud("comments.comment", "change", "view"),
        *_crud("comments.bannedword", "add", "change", "delete", "view"),
    ],
}


def sync_roles(apps, schema_editor=None):
    """Create the groups and set each one's permissions exactly to the map.

    Usable from a migration (historical `apps`) or from code (`django.apps.apps`).
    Permissions are created first, since post_migrate has not run yet inside migrations.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs have no models_module, which create_permissions skips.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Inside a migration, an app whose tables do not exist yet has no models in `apps`; its
    # permissions are granted by the migration that app ships to call sync_roles again.
    # (tests/newsroom/test_roles.py checks that, once migrated, every group matches the map.)
    ready = {config.label for config in apps.get_app_configs() if any(config.get_models())}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            if app_label not in ready:
                continue
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                raise LookupError(f"Permission {dotted} for role {role} does not exist")
            wanted.append(perm)
        group.permissions.set(wanted)


def role_permissions(role):
    return set(ROLE_PERMISSIONS[role])
