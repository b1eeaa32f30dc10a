"""The edge tests' content, written in a process of its own with the app servers' settings
(tests/edge/stack.py runs it after migrate and collectstatic):

    python -m tests.edge.seed [COMMENTS]      the paper (the article with COMMENTS approved
                                              comments, default 2): prints its URLs and
                                              logins as JSON
    python -m tests.edge.seed relead PK TEXT  an editor rewrites article PK's lead (the
                                              services' way: the app's caches and purges
                                              follow; the URL stays, as a new title's would
                                              not)

Built on the site tests' scene (tests/site/factories.py): the article with two photos, the
editor's unpublished draft, a moderator with a comment waiting in the queue.
"""

import json
import sys

import django

EDITOR_LOGIN = ("bientap-edge", "bientap-edge-matkhau-2026")
MODERATOR_LOGIN = ("kiemduyet-edge", "kiemduyet-edge-matkhau-2026")
DRAFT_TITLE = "Bản nháp chưa đăng: kế hoạch phân luồng giao thông dịp Tết"
PENDING_TEXT = "Bình luận đang chờ kiểm duyệt, bạn đọc không được thấy trước khi duyệt."
TO_APPROVE_TEXT = "Mong tỉnh sớm mở thêm tuyến xe buýt ra cảng cho công nhân đi làm."


def paper(comments: int = 2) -> dict:
    from newsroom.roles import EDITOR, MODERATOR
    from tests.comments.conftest import make_comment
    from tests.factories import make_article, make_user
    from tests.site.factories import make_scene

    scene = make_scene(comments=comments)
    editor = make_user(EDITOR_LOGIN[0], role=EDITOR, password=EDITOR_LOGIN[1])
    make_user(MODERATOR_LOGIN[0], role=MODERATOR, password=MODERATOR_LOGIN[1])
    draft = make_article(
        DRAFT_TITLE, section=scene.sections["thoi-su"], published=False, created_by=editor
    )
    pending = make_comment(scene.article, PENDING_TEXT, author_name="Trần Thị Lan")
    to_approve = make_comment(scene.article, TO_APPROVE_TEXT, author_name="Lê Văn Toàn")
    return {
        "article": {
            "pk": scene.article.pk,
            "url": scene.article.get_absolute_url(),
            "title": scene.article.title,
        },  # fmt: skip
        "other_article_url": scene.similar.get_absolute_url(),
        "draft": {"pk": draft.pk, "title": DRAFT_TITLE, "preview_url": f"/xem-truoc/{draft.pk}/"},
        "pending": {"pk": pending.pk, "text": PENDING_TEXT},
        "to_approve": {"pk": to_approve.pk, "text": TO_APPROVE_TEXT},
        "editor": list(EDITOR_LOGIN),
        "moderator": list(MODERATOR_LOGIN),
        "section_url": f"/chuyen-muc/{scene.sections['kinh-te'].slug}/",
    }


def relead(pk: int, lead: str) -> dict:
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from articles.services import article_update

    editor = get_user_model().objects.get(username=EDITOR_LOGIN[0])
    article_update(article=Article.objects.get(pk=pk), user=editor, lead=lead)
    return {"pk": pk, "lead": lead}


def main(argv: list[str]) -> None:
    django.setup()
    if argv[:1] == ["relead"]:
        result = relead(int(argv[1]), argv[2])
    else:
        result = paper(*(int(arg) for arg in argv[:1]))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
