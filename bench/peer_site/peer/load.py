"""`python -m peer.load COMMENTS`: migrate the peer's database and fill it: one article page with
two figures and COMMENTS approved comments (about one in five a reply), as an editor and readers
would leave it; prints {"url": …} as its last line.

The demo text is written for this bench (Vietnamese, like Newsroom's); it is no real news.
"""

import json
import sys
from datetime import timedelta
from io import BytesIO

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sites.models import Site as DjangoSite  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.images.models import Image  # noqa: E402
from wagtail.models import Site  # noqa: E402

from peer.models import ArticlePage  # noqa: E402

TITLE = "Đà Nẵng chạy thử tuyến xe buýt điện nối sân bay với bãi biển"
LEAD = (
    "Tuyến dài 18 km, cứ 15 phút có một chuyến từ 5 giờ sáng đến nửa đêm; trong ba tháng "
    "đầu, giá vé bằng xe buýt thường."
)
PARAGRAPHS = [
    "<p>Sáng thứ Hai, mười chiếc xe buýt điện đầu tiên rời nhà ga quốc nội, qua cầu sông Hàn "
    "rồi chạy dọc đường ven biển tới bãi tắm phía đông thành phố. Mỗi xe có 40 chỗ, sàn thấp "
    "và một chỗ cố định cho xe lăn.</p>",
    "<p>Theo <b>Sở Giao thông vận tải</b>, tuyến mới nhằm bớt xe cá nhân vào trung tâm trong "
    "mùa du lịch, khi mỗi ngày thành phố đón hàng chục nghìn lượt khách. Trạm sạc đặt ở bãi "
    "đỗ cuối tuyến; mỗi lần sạc đầy, xe chạy được khoảng 200 km.</p>",
    "<p>Trong thời gian chạy thử, vé lượt giá 8.000 đồng; học sinh và người từ 60 tuổi trở "
    "lên được miễn vé. Hành khách trả tiền bằng thẻ ngân hàng hoặc quét mã QR ngay trên "
    "xe.</p>",
    "<p>Nếu lượng khách đạt như kỳ vọng, thành phố dự kiến mở thêm hai tuyến về phía nam và "
    "lên bán đảo vào năm sau.</p>",
]
FIGURES = [
    (
        "Hành khách lên chuyến xe buýt điện đầu tiên ở nhà ga quốc nội",
        "Hành khách xếp hàng lên một xe buýt điện màu xanh lá",
    ),
    (
        "Trạm sạc ở bãi đỗ cuối tuyến, cách bãi biển vài trăm mét",
        "Một hàng xe buýt điện đang sạc dưới mái che",
    ),
]
BYLINE = "Trần Minh Khoa – Ảnh: Phạm Thu Hà"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hạnh", "Khánh", "Linh", "Minh", "Ngọc", "Phúc"]
SAID = [
    "Mong thành phố sớm mở thêm tuyến về phía nam, người đi làm sẽ đỡ vất vả.",
    "Hôm qua tôi đi thử, xe chạy êm và sạch sẽ, tài xế rất lịch sự.",
    "Giá vé như vậy là hợp lý, nhưng các trạm dừng nên có thêm mái che.",
    "Cảm ơn tòa soạn đã đưa tin, nhà tôi ở gần tuyến này nên cả nhà rất mừng.",
    "Buổi tối xe có chạy đến nửa đêm thật không, hay chỉ vào cuối tuần?",
    "Nên dán sơ đồ tuyến ở mỗi trạm để khách du lịch dễ tìm đường.",
    "Ba tháng chạy thử hơi ngắn, cần xem xe chạy thế nào trong mùa mưa bão.",
    "Tôi mong có chỗ gửi xe đạp ở trạm đầu tuyến để đi tiếp bằng buýt.",
]
REPLIED = [
    "Tôi đồng ý với bạn, hôm trước tôi cũng thấy như vậy.",
    "Theo bài viết thì ngày nào xe cũng chạy đến nửa đêm bạn ạ.",
    "Trạm gần chợ đã có mái che rồi, các trạm khác chắc sẽ làm sau.",
]


def _jpeg(width: int, height: int, shade: int) -> ImageFile:
    """A photo-sized JPEG: two crossed gradients over a flat channel."""
    ramp = PILImage.linear_gradient("L").resize((width, height))
    flat = PILImage.new("L", ramp.size, shade)
    picture = PILImage.merge("RGB", (ramp, flat, ramp.transpose(PILImage.Transpose.ROTATE_180)))
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return ImageFile(buffer, name=f"anh-{shade}.jpg")


def load(comments: int) -> str:
    call_command("migrate", verbosity=0)
    images = [
        Image.objects.create(title=caption, file=_jpeg(1600, 1067, 60 + 80 * i))
        for i, (caption, _alt) in enumerate(FIGURES)
    ]
    body = [{"type": "paragraph", "value": PARAGRAPHS[0]}]
    for i, (paragraph, (caption, alt)) in enumerate(zip(PARAGRAPHS[1:3], FIGURES, strict=True)):
        figure = {"image": {"image": images[i].pk, "decorative": False, "alt_text": alt},
                  "caption": caption}  # fmt: skip
        body += [{"type": "figure", "value": figure}, {"type": "paragraph", "value": paragraph}]
    body.append({"type": "paragraph", "value": PARAGRAPHS[3]})
    home = Site.objects.get(is_default_site=True).root_page
    page = ArticlePage(
        title=TITLE, slug="da-nang-chay-thu-xe-buyt-dien", lead=LEAD, body=json.dumps(body),
        byline=BYLINE, live=False,
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()

    site = DjangoSite.objects.get_current()
    kind = ContentType.objects.get_for_model(ArticlePage)
    start = timezone.now() - timedelta(days=1)
    parent = None
    with transaction.atomic():
        for i in range(comments):
            reply = i % 5 == 4 and parent is not None
            comment = XtdComment(
                content_type=kind, object_pk=str(page.pk), site=site,
                user_name=f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]}",
                user_email=f"ban-doc-{i}@example.com",
                comment=(REPLIED if reply else SAID)[i % (3 if reply else 8)],
                submit_date=start + timedelta(seconds=i), is_public=True, is_removed=False,
                parent_id=parent.pk if reply else 0,
            )  # fmt: skip
            comment.save()
            if not reply:
                parent = comment
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return page.url


if __name__ == "__main__":
    print(json.dumps({"url": load(int(sys.argv[1]))}))
