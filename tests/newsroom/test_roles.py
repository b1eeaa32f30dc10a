import pytest
from django.contrib.auth.models import Group

from newsroom import roles


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_exists_with_exactly_the_permissions_of_the_map(role):
    group = Group.objects.get(name=role)
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert granted == roles.role_permissions(role)


@pytest.mark.django_db
def test_reporter_cannot_publish_and_editor_can():
    assert "articles.publish_article" not in roles.role_permissions(roles.REPORTER)
    assert "articles.publish_article" in roles.role_permissions(roles.EDITOR)


@pytest.mark.django_db
def test_moderator_has_no_write_access_to_articles():
    writes = {
        p
        for p in roles.role_permissions(roles.MODERATOR)
        if p.startswith("articles.") and not p.startswith("articles.view_")
    }
    assert writes == set()


@pytest.mark.django_db
def test_sync_roles_is_idempotent_and_repairs_drift():
    from django.apps import apps
    from django.contrib.auth.models import Permission

    editor = Group.objects.get(name=roles.EDITOR)
    stray = Permission.objects.get(codename="delete_group")
    editor.permissions.add(stray)
    roles.sync_roles(apps)
    roles.sync_roles(apps)
    assert not editor.permissions.filter(pk=stray.pk).exists()
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)
