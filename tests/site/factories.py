"""Content for the public-site tests: a small Thanh Hóa paper with one full article.

Built on the lead's tests/factories.py; bulk helpers use bulk_create so the large sizes the
query-count tests need (1,000 articles, 500 comments) stay fast.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from articles.models import Article, ArticlePhoto, BylineCredit, Region
from articles.services import article_write_body_html
from comments.models import Comment
from comments.rendering import comment_html
from newsroom.vietnamese import fold
from readership.models import DailyViews
from tests.factories import (
    credit,
    make_article,
    make_contributor,
    make_photo,
    make_region,
    make_section,
    make_tag,
)
from weather.models import WeatherReading


def figure(photo, caption=""):
    inner = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure data-photo-id="{photo.pk}">{inner}</figure>'


def add_comments(article, count, *, start=None):
    """Approved comments, with their HTML written as the moderation services write it."""
    start = start or timezone.now() - timedelta(days=1)
    made = Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name=f"Bạn đọc {i}",
            body=f"Bài viết rất hữu ích cho người dân địa phương, cảm ơn tòa soạn ({i}).",
            original_body="…",
            fingerprint=f"fp-{article.pk}-{i}",
            status=Comment.Status.APPROVED,
            created_at=start + timedelta(seconds=i),
            approved_at=start + timedelta(seconds=i),
        )
        for i in range(count)
    )
    if made and not made[0].pk:  # backends without RETURNING on bulk insert
        made = list(Comment.objects.filter(article=article).order_by("pk"))
    for comment in made:
        comment.html = comment_html(comment)
    Comment.objects.bulk_update(made, ["html"], batch_size=500)


def bulk_articles(section, count, *, region=None, tag=None, title="Tin nhanh"):
    """Many published articles in one insert (no photos, no credits)."""
    now = timezone.now()
    first = Article.objects.count()
    rows = [
        Article(
            title=f"{title} số {first + i}",
            slug=f"{fold(title).replace(' ', '-')}-{first + i}",
            lead="Sapo ngắn của một tin trong danh sách.",
            body="<p>Nội dung.</p>",
            section=section,
            primary_region=region,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=10 + i),
            search_text=fold(f"{title} số {first + i}"),
        )
        for i in range(count)
    ]
    created = Article.objects.bulk_create(rows)
    if tag is not None:
        if not created[0].pk:  # backends without RETURNING on bulk insert
            created = list(Article.objects.filter(slug__in=[a.slug for a in rows]))
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=a.pk, tag_id=tag.pk) for a in created
        )
    return created


@dataclass
class Scene:
    sections: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    article: Article | None = None
    picked: Article | None = None
    similar: Article | None = None
    unrelated: Article | None = None
    scheduled: Article | None = None
    draft: Article | None = None
    photos: list = field(default_factory=list)
    contributors: dict = field(default_factory=dict)


def make_scene(*, comments: int = 3, photos: bool = True) -> Scene:
    s = Scene()
    s.sections["thoi-su"] = make_section("Thời sự", slug="thoi-su", position=1)
    s.sections["kinh-te"] = make_section("Kinh tế", slug="kinh-te", position=2)
    s.sections["dia-phuong"] = make_section(
        "Địa phương", slug="dia-phuong", position=3, is_local=True
    )
    province = make_region(
        "Thanh Hóa",
        slug="thanh-hoa",
        latitude=Decimal("19.80667"),
        longitude=Decimal("105.78500"),
    )
    s.regions["thanh-hoa"] = province
    s.regions["tp-thanh-hoa"] = make_region(
        "TP. Thanh Hóa", slug="tp-thanh-hoa", kind=Region.Kind.CITY, parent=province
    )
    s.regions["nghi-son"] = make_region(
        "Thị xã Nghi Sơn", slug="nghi-son", kind=Region.Kind.TOWN, parent=province
    )
    s.regions["hai-binh"] = make_region(
        "Phường Hải Bình",
        slug="hai-binh",
        kind=Region.Kind.WARD,
        parent=s.regions["nghi-son"],
    )
    s.tags["cang-bien"] = make_tag("Cảng biển")
    s.tags["dau-tu"] = make_tag("Đầu tư")
    s.contributors["thanh"] = make_contributor("Nguyễn Thanh", slug="nguyen-thanh")
    s.contributors["hoi"] = make_contributor("Lê Hợi", slug="le-hoi")

    body = (
        "<p>Sáng nay, thị xã Nghi Sơn khởi công bến cảng tổng hợp số 3, "
        "nâng năng lực bốc xếp của khu kinh tế lên gấp rưỡi.</p>"
    )
    if photos:
        s.photos = [
            make_photo("Lễ khởi công", credit="Nguyễn Thanh"),
            make_photo("Toàn cảnh bến cảng", credit="Lê Hợi"),
        ]
        body += figure(s.photos[0]) + "<p>Dự án dự kiến hoàn thành trong 30 tháng.</p>"
        body += figure(s.photos[1])
    s.article = make_article(
        "Nghi Sơn khởi công bến cảng tổng hợp số 3",
        section=s.sections["kinh-te"],
        slug="nghi-son-khoi-cong-ben-cang",
        lead="Bến cảng mới giúp hàng hóa của các doanh nghiệp trong khu kinh tế rút ngắn "
        "thời gian chờ tàu.",
        body=body,
        primary_region=s.regions["hai-binh"],
        source_label="Baothanhhoa.vn",
    )
    if photos:
        ArticlePhoto.objects.create(
            article=s.article,
            photo=s.photos[0],
            caption="Các đại biểu bấm nút khởi công dự án",
            alt="Đại biểu đứng trên sân khấu bấm nút khởi công",
        )
        ArticlePhoto.objects.create(
            article=s.article,
            photo=s.photos[1],
            caption="Phối cảnh bến cảng sau khi hoàn thành",
            alt="Phối cảnh bến cảng nhìn từ biển",
            position=1,
        )
        s.article.featured_photo = s.photos[1]
        s.article.featured_caption = "Phối cảnh bến cảng tổng hợp số 3"
        s.article.featured_alt = "Phối cảnh bến cảng nhìn từ biển"
        s.article.save()
        # As the article services leave it: the body stored with its figures expanded.
        article_write_body_html(article=s.article)
    credit(s.article, s.contributors["thanh"], BylineCredit.Role.TEXT_PHOTO)
    s.article.tags.add(s.tags["cang-bien"], s.tags["dau-tu"])

    s.picked = make_article(
        "Thanh Hóa thu hút thêm ba dự án công nghiệp",
        section=s.sections["thoi-su"],
        slug="thu-hut-ba-du-an",
        publish_at=timezone.now() - timedelta(days=3),
    )
    s.article.related.add(s.picked)
    s.similar = make_article(
        "Cảng Nghi Sơn đón tàu trọng tải lớn",
        section=s.sections["kinh-te"],
        slug="cang-don-tau-lon",
        primary_region=s.regions["nghi-son"],
        publish_at=timezone.now() - timedelta(days=2),
    )
    s.similar.tags.add(s.tags["cang-bien"])
    credit(s.similar, s.contributors["hoi"], BylineCredit.Role.TEXT)
    s.unrelated = make_article(
        "Hội thi nấu ăn của phụ nữ thành phố",
        section=s.sections["dia-phuong"],
        slug="hoi-thi-nau-an",
        primary_region=s.regions["tp-thanh-hoa"],
        publish_at=timezone.now() - timedelta(days=1),
    )
    s.scheduled = make_article(
        "Bài hẹn giờ chưa được đăng",
        section=s.sections["kinh-te"],
        slug="bai-hen-gio",
        publish_at=timezone.now() + timedelta(hours=3),
        primary_region=s.regions["nghi-son"],
    )
    s.scheduled.tags.add(s.tags["cang-bien"])
    s.draft = make_article(
        "Bản nháp về Nghi Sơn",
        section=s.sections["kinh-te"],
        slug="ban-nhap",
        published=False,
    )
    add_comments(s.article, comments)
    DailyViews.objects.bulk_create(
        [
            DailyViews(article=s.similar, day=timezone.localdate(), views=120),
            DailyViews(article=s.unrelated, day=timezone.localdate(), views=80),
            DailyViews(article=s.scheduled, day=timezone.localdate(), views=999),
        ]
    )
    WeatherReading.objects.create(
        region=province,
        observed_at=timezone.now() - timedelta(minutes=20),
        fetched_at=timezone.now() - timedelta(minutes=15),
        temperature=Decimal("24.6"),
        apparent_temperature=Decimal("26.1"),
        humidity=78,
        wind_speed=Decimal("9.4"),
        weather_code=3,
        forecast=[
            {"date": timezone.localdate().isoformat(), "code": 3, "min": 21, "max": 27, "rain": 20},
            {
                "date": (timezone.localdate() + timedelta(days=1)).isoformat(),
                "code": 61,
                "min": 20,
                "max": 25,
                "rain": 70,
            },
        ],
    )
    return s
