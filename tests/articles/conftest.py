"""People in each newsroom role, and photos made the way the admin makes them."""

import pytest

from articles import services
from articles.models import Photo
from newsroom import roles
from tests.factories import image_upload, make_contributor, make_section, make_user


@pytest.fixture
def reporter(db):
    user = make_user("phongvien", role=roles.REPORTER, first_name="Thanh", last_name="Nguyễn")
    make_contributor("Nguyễn Thanh", user=user)
    return user


@pytest.fixture
def other_reporter(db):
    return make_user("phongvien2", role=roles.REPORTER)


@pytest.fixture
def editor(db):
    return make_user("bientap", role=roles.EDITOR)


@pytest.fixture
def moderator(db):
    return make_user("kiemduyet", role=roles.MODERATOR)


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("tongbientap", password="matkhau-thu-nghiem")


@pytest.fixture
def section(db):
    return make_section("Thời sự", slug="thoi-su")


def photo_via_service(user, *, title="Cầu Hàm Rồng lúc bình minh", credit="Lê Hợi", **size):
    photo = Photo(image=image_upload("cau-ham-rong.jpg", **size), title=title, credit=credit)
    return services.photo_save(photo=photo, user=user, image_changed=True)


@pytest.fixture
def photo(editor):
    return photo_via_service(editor)
