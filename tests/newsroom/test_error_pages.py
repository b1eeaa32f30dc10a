import pytest


@pytest.mark.django_db
def test_404_page_is_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_vietnamese_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/quan-tri/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "status", "text"),
    [
        ("bad_request", 400, "Yêu cầu không hợp lệ"),
        ("permission_denied", 403, "Bạn không có quyền truy cập trang này"),
        ("ratelimited", 429, "Bạn thao tác quá nhanh"),
        ("server_error", 500, "Hệ thống đang gặp sự cố"),
    ],
)
@pytest.mark.django_db
def test_error_views_render_vietnamese_pages(rf, view, status, text):
    from newsroom import views

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = getattr(views, view)(request)
    assert response.status_code == status
    assert text in response.content.decode()
