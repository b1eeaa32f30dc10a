"""Small factories for tests: real rows with sensible Vietnamese defaults, no magic."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, BylineCredit, Contributor, Photo, Region, Section, Tag

_seq = itertools.count(1)


def _n():
    return next(_seq)


def image_bytes(width=1600, height=1000, color=(30, 110, 160), fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="anh.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


def make_user(username=None, *, role=None, password="matkhau-thu-nghiem", **extra):
    User = get_user_model()
    username = username or f"nguoidung{_n()}"
    extra.setdefault("is_staff", role is not None)  # a role is a staff role; or say so
    user = User.objects.create_user(username=username, password=password, **extra)
    if role:
        user.groups.add(role_group(role))
    return user


def role_group(role: str) -> Group:
    """The role's group, made again from the map if a transactional test flushed the tables
    (a flush also empties what data migrations wrote)."""
    group = Group.objects.filter(name=role).first()
    if group is None:
        from django.apps import apps

        from newsroom.roles import sync_roles

        sync_roles(apps)
        group = Group.objects.get(name=role)
    return group


def make_section(name=None, **extra) -> Section:
    n = _n()
    name = name or f"Chuyên mục {n}"
    return Section.objects.create(name=name, slug=extra.pop("slug", f"chuyen-muc-{n}"), **extra)


def make_region(name=None, *, kind=Region.Kind.PROVINCE, parent=None, **extra) -> Region:
    n = _n()
    name = name or f"Địa phương {n}"
    return Region.objects.create(
        name=name, slug=extra.pop("slug", f"dia-phuong-{n}"), kind=kind, parent=parent, **extra
    )


def make_tag(name=None) -> Tag:
    n = _n()
    return Tag.objects.create(name=name or f"Từ khóa {n}", slug=f"tu-khoa-{n}")


def make_contributor(name=None, **extra) -> Contributor:
    n = _n()
    return Contributor.objects.create(
        name=name or f"Phóng viên {n}", slug=extra.pop("slug", f"phong-vien-{n}"), **extra
    )


def make_photo(title=None, *, credit="Lê Hợi", **extra) -> Photo:
    n = _n()
    return Photo.objects.create(
        image=image_upload(f"anh-{n}.jpg"), title=title or f"Ảnh {n}", credit=credit, **extra
    )


def make_article(title=None, *, section=None, published=True, publish_at=None, **extra) -> Article:
    """An article row as the admin would leave it (slug set, search text folded)."""
    from newsroom.vietnamese import fold

    n = _n()
    title = title or f"Bài viết thử nghiệm số {n}"
    section = section or make_section()
    if published:
        extra.setdefault("status", Article.Status.PUBLISHED)
        publish_at = publish_at or timezone.now() - timedelta(hours=1)
    lead = extra.pop("lead", "Sapo của bài viết thử nghiệm, viết cho bộ kiểm thử.")
    body = extra.pop("body", "<p>Nội dung bài viết thử nghiệm.</p>")
    return Article.objects.create(
        title=title,
        slug=extra.pop("slug", f"bai-viet-thu-nghiem-{n}"),
        lead=lead,
        body=body,
        section=section,
        publish_at=publish_at,
        search_text=fold(f"{title} {lead} {body}"),
        **extra,
    )


def credit(article, contributor, role=BylineCredit.Role.TEXT, position=0) -> BylineCredit:
    return BylineCredit.objects.create(
        article=article, contributor=contributor, role=role, position=position
    )
