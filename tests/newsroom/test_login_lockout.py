"""Login brute force (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one account
from one client, that account is refused from that client for AXES_COOLOFF_TIME, the right
password included, with a Vietnamese 429 page; other clients and other accounts go on.
The one login form is the admin's, which the moderators' queue sends people to."""

import logging
import os
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsroom.roles import EDITOR, MODERATOR
from tests.config.test_settings import DEPLOY_ENV, run_manage
from tests.factories import make_user

LOGIN = "/quan-tri/login/"
PASSWORD = "dung-mat-khau-2026"
WRONG = "sai-mat-khau-9876"
LIMIT = 5
LOCK_TEXT = "Tạm khóa đăng nhập"


@pytest.fixture
def journalist(db):
    return make_user("phongvien", role=EDITOR, password=PASSWORD)


def attempt(client, username, password, *, next_url=None, **meta):
    """One submit of the admin's login form, which always posts a `next` (its hidden field
    holds the admin's index unless the page was opened with ?next=)."""
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    data = {"username": username, "password": password, "next": next_url or "/quan-tri/"}
    return client.post(url, data, **meta)


def fail(client, username, times=LIMIT, **kwargs):
    return [attempt(client, username, WRONG, **kwargs) for _ in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def assert_locked(response):
    assert response.status_code == 429
    assert LOCK_TEXT in response.content.decode()


def move_attempts_back(by):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)


# --- The lock itself -------------------------------------------------------------------------


def test_wrong_passwords_below_the_limit_are_the_usual_form_error(client, journalist):
    for response in fail(client, journalist.username, times=LIMIT - 1):
        assert response.status_code == 200
        assert "Bạn hãy nhập đúng" in response.content.decode()
    # One try left: the right password still works.
    assert attempt(client, journalist.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_limit_locks_the_account_even_for_the_right_password(client, journalist):
    *before, last = fail(client, journalist.username)
    assert all(r.status_code == 200 for r in before)
    assert_locked(last)  # the failure that reaches the limit already answers with the lock

    refused = attempt(client, journalist.username, PASSWORD)
    assert_locked(refused)
    assert not logged_in(client)
    assert client.get("/quan-tri/").status_code == 302  # still sent to the login


def test_the_lockout_page_says_in_vietnamese_how_long_and_what_to_do(client, journalist):
    fail(client, journalist.username)
    response = attempt(client, journalist.username, PASSWORD, next_url="/quan-tri/")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Tài khoản «phongvien» đã nhập sai mật khẩu 5 lần từ địa chỉ này." in page
    assert "bị tạm khóa 15 phút, kể cả khi nhập đúng mật khẩu" in page
    unlocks_at = timezone.localtime(
        AccessAttempt.objects.get().attempt_time + timedelta(minutes=15)
    )
    assert f"Vui lòng đợi khoảng 15 phút (đến {unlocks_at:%H:%M})" in page  # Vietnam's time
    assert "nhờ quản trị viên của tòa soạn đặt lại mật khẩu hoặc mở khóa sớm" in page
    assert "Tòa soạn – Quản trị nội dung" in page  # in the admin's look
    assert 'href="/quan-tri/login/?next=%2Fquan-tri%2F"' in page
    assert 840 < int(response["Retry-After"]) <= 900
    assert "no-store" in response["Cache-Control"]
    assert WRONG not in page and PASSWORD not in page


def test_the_page_counts_down_from_the_last_failure(client, journalist):
    fail(client, journalist.username)
    move_attempts_back(timedelta(minutes=10))
    response = attempt(client, journalist.username, PASSWORD)
    assert_locked(response)
    assert "Vui lòng đợi khoảng 5 phút" in response.content.decode()
    assert 240 < int(response["Retry-After"]) <= 300


def test_tries_during_the_lock_do_not_push_it_back(client, journalist):
    fail(client, journalist.username)
    move_attempts_back(timedelta(minutes=10))
    for _ in range(3):
        assert_locked(attempt(client, journalist.username, WRONG))
    move_attempts_back(timedelta(minutes=5, seconds=1))
    assert attempt(client, journalist.username, PASSWORD).status_code == 302


def test_after_the_cool_off_the_right_password_works_and_clears_the_count(client, journalist):
    fail(client, journalist.username)
    move_attempts_back(timedelta(minutes=15, seconds=1))
    response = attempt(client, journalist.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/quan-tri/"
    assert logged_in(client)
    assert not AccessAttempt.objects.filter(username="phongvien").exists()


def test_a_successful_login_resets_the_count(client, journalist):
    fail(client, journalist.username, times=LIMIT - 1)
    assert attempt(client, journalist.username, PASSWORD).status_code == 302
    client.logout()
    # Without the reset these would be failures 5 to 8, and the next login refused.
    fail(client, journalist.username, times=LIMIT - 1)
    assert attempt(client, journalist.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_limit_and_cool_off_come_from_settings(client, journalist, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    assert_locked(fail(client, journalist.username, times=2)[-1])
    move_attempts_back(timedelta(minutes=1, seconds=1))
    assert attempt(client, journalist.username, PASSWORD).status_code == 302


def test_the_environment_sets_the_limit_and_cool_off():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)",
        env_overrides={**DEPLOY_ENV, "AXES_FAILURE_LIMIT": "7", "AXES_COOLOFF_MINUTES": "30"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["7", "0:30:00"]


# --- Whose tries count together ------------------------------------------------------------


def test_another_account_from_the_same_address_is_not_locked(client, journalist):
    colleague = make_user("bientap", role=EDITOR, password=PASSWORD)
    fail(client, journalist.username)
    assert attempt(client, colleague.username, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_same_account_from_another_address_is_not_locked(client, journalist):
    fail(client, journalist.username, REMOTE_ADDR="203.0.113.7")
    assert_locked(attempt(client, journalist.username, PASSWORD, REMOTE_ADDR="203.0.113.7"))
    assert (
        attempt(client, journalist.username, PASSWORD, REMOTE_ADDR="198.51.100.4").status_code
        == 302
    )


def test_case_and_spaces_do_not_make_a_new_account(client, journalist):
    for spelling in ("PhongVien", "PHONGVIEN", " phongvien", "phongvien ", "Phongvien"):
        attempt(client, spelling, WRONG)
    assert_locked(attempt(client, "phongvien", PASSWORD))


def test_behind_one_proxy_each_forwarded_client_counts_apart(client, journalist, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail(client, journalist.username, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert_locked(
        attempt(client, journalist.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    )
    # Entries the client wrote itself (left of the proxy's) give it no fresh address…
    spoofed = attempt(
        client,
        journalist.username,
        PASSWORD,
        HTTP_X_FORWARDED_FOR="198.51.100.4, 203.0.113.7",
        **proxy,
    )
    assert_locked(spoofed)
    # …while another client behind the same proxy is not locked.
    other = attempt(
        client, journalist.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy
    )
    assert other.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_without_a_trusted_proxy_a_forwarded_header_gives_no_fresh_address(
    client, journalist, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    fail(client, journalist.username, HTTP_X_FORWARDED_FOR="203.0.113.7")
    spoofed = attempt(client, journalist.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert_locked(spoofed)
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_ipv6_clients_count_per_64_like_the_comment_rate_limits(client, journalist, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, journalist.username, HTTP_X_FORWARDED_FOR="2001:db8:1:2::a")
    same_network = attempt(
        client, journalist.username, PASSWORD, HTTP_X_FORWARDED_FOR="2001:db8:1:2:ffff::b"
    )
    assert_locked(same_network)
    other_network = attempt(
        client, journalist.username, PASSWORD, HTTP_X_FORWARDED_FOR="2001:db8:1:3::a"
    )
    assert other_network.status_code == 302


# --- The moderators' way in --------------------------------------------------------------------


def test_the_moderation_queue_login_is_under_the_same_lock(client, db):
    moderator = make_user("kiemduyet", role=MODERATOR, password=PASSWORD)
    queue = reverse("comments:queue")
    to_login = client.get(queue)
    assert to_login.status_code == 302
    assert to_login["Location"] == f"{LOGIN}?next={queue}"

    fail(client, moderator.username, next_url=queue)
    refused = attempt(client, moderator.username, PASSWORD, next_url=queue)
    assert_locked(refused)
    assert f'href="{LOGIN}?next=%2Fbinh-luan%2Fkiem-duyet%2F"' in refused.content.decode()
    assert client.get(queue).status_code == 302

    # The same way in works for a moderator who is not locked, so it is the lock that refused.
    make_user("kiemduyet2", role=MODERATOR, password=PASSWORD)
    colleague = Client()
    response = attempt(colleague, "kiemduyet2", PASSWORD, next_url=queue)
    assert response.status_code == 302 and response["Location"] == queue
    assert colleague.get(queue).status_code == 200


def test_a_lock_gained_on_the_admin_path_holds_on_the_queue_path(client, db):
    moderator = make_user("kiemduyet", role=MODERATOR, password=PASSWORD)
    fail(client, moderator.username)
    assert_locked(attempt(client, moderator.username, PASSWORD, next_url="/binh-luan/kiem-duyet/"))


# --- What the log says -----------------------------------------------------------------------


def test_the_lockout_is_logged_with_username_and_address_never_the_password(
    client, journalist, caplog
):
    caplog.set_level(logging.DEBUG, logger="axes")
    caplog.set_level(logging.DEBUG, logger="newsroom.lockout")
    fail(client, journalist.username, REMOTE_ADDR="203.0.113.7")
    attempt(client, journalist.username, PASSWORD, REMOTE_ADDR="203.0.113.7")

    lockouts = [
        r for r in caplog.records if r.name.startswith("axes") and "Locking out" in r.getMessage()
    ]
    assert len(lockouts) == 1
    assert lockouts[0].levelno == logging.WARNING
    assert 'username: "phongvien"' in lockouts[0].getMessage()
    assert 'ip_address: "203.0.113.7"' in lockouts[0].getMessage()

    refused = [r for r in caplog.records if r.name == "newsroom.lockout"]
    assert len(refused) == 1 and refused[0].levelno == logging.WARNING
    assert "'phongvien'" in refused[0].getMessage() and "203.0.113.7" in refused[0].getMessage()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert WRONG not in logged and PASSWORD not in logged
    stored = AccessAttempt.objects.get()
    assert WRONG not in stored.post_data and PASSWORD not in stored.post_data


# --- In a browser ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_wrong_passwords_in_chromium_ends_on_the_vietnamese_lock(live_server, browser_page):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    make_user("phongvien", role=EDITOR, password=PASSWORD)
    page = browser_page
    page.goto(f"{live_server.url}{LOGIN}?next=/binh-luan/kiem-duyet/")
    for _ in range(LIMIT - 1):
        page.fill("#id_username", "phongvien")
        page.fill("#id_password", WRONG)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator(".errornote")).to_contain_text("Bạn hãy nhập đúng")
    page.fill("#id_username", "phongvien")
    page.fill("#id_password", WRONG)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name=LOCK_TEXT)).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(
        "Tài khoản «phongvien» đã nhập sai mật khẩu 5 lần từ địa chỉ này."
    )
    expect(page.locator("#content-main")).to_contain_text("Vui lòng đợi khoảng 15 phút")
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()
    if os.environ.get("NEWSROOM_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NEWSROOM_SCREENSHOTS"], "lockout.png"))

    # Back to the form, the right password this time: still refused.
    page.get_by_role("link", name="Về trang đăng nhập").click()
    page.fill("#id_username", "phongvien")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=LOCK_TEXT)).to_be_visible()
    page.goto(f"{live_server.url}/binh-luan/kiem-duyet/")
    expect(page).to_have_url(f"{live_server.url}{LOGIN}?next=/binh-luan/kiem-duyet/")


# --- Input the attempt record cannot hold (found by tests/site/test_fuzz.py on PostgreSQL) ---


def test_a_username_that_case_folds_past_the_column_is_still_counted(client, journalist):
    # 150 characters (the form's limit) that case-fold to 450: axes' username column is 255.
    username = "ΐ" * 150
    responses = fail(client, username)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert_locked(responses[-1])
    assert len(AccessAttempt.objects.get().username) == 255


def test_a_nul_byte_in_a_header_is_a_400_not_a_500(client, journalist):
    response = attempt(client, "phongvien", WRONG, HTTP_ACCEPT="text/html\x00")
    assert response.status_code == 400
    assert not AccessAttempt.objects.exists()
    assert client.get("/", HTTP_USER_AGENT="Mozilla\x00").status_code == 400
