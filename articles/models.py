"""The newsroom's content: sections, regions, tags, contributors, photos and articles.

Business rules that write (publishing, submitting, slugs, sanitizing) live in
`articles/services.py`; shared reads in `articles/selectors.py`.
"""

import reversion
from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.links import content_url


class Section(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ đứng trước trên thanh chuyên mục.")
    )
    is_local = models.BooleanField(
        _("chuyên mục địa phương"),
        default=False,
        help_text=_("Trang của chuyên mục này dẫn tới các trang địa phương."),
    )

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return content_url("articles:section", slug=self.slug)


class Region(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("tỉnh")
        CITY = "city", _("thành phố")
        TOWN = "town", _("thị xã")
        DISTRICT = "district", _("huyện")
        WARD = "ward", _("phường")
        COMMUNE = "commune", _("xã")
        TOWNSHIP = "township", _("thị trấn")

    name = models.CharField(
        _("tên"), max_length=120, help_text=_("Tên như bạn đọc quen gọi, ví dụ “TP. Thanh Hóa”.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    kind = models.CharField(_("cấp"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("địa phương")
        verbose_name_plural = _("địa phương")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return content_url("articles:region", slug=self.slug)


class Tag(models.Model):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("từ khóa")
        verbose_name_plural = _("từ khóa")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return content_url("articles:tag", slug=self.slug)


class Contributor(models.Model):
    """Anyone credited in a byline; freelancers and agency staff have no user account."""

    name = models.CharField(_("tên"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor",
    )
    affiliation = models.CharField(
        _("đơn vị"), max_length=120, blank=True, help_text=_("Ví dụ: TTXVN, cộng tác viên.")
    )
    bio = models.TextField(_("giới thiệu"), blank=True)

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return content_url("articles:contributor", slug=self.slug)


class Photo(models.Model):
    """A picture and what belongs to it wherever it is used: the file, its credit, its licence.

    Captions and alt text belong to each use (ArticlePhoto, Article.featured_*), as in Wagtail.
    """

    image = models.ImageField(
        _("ảnh"), upload_to="photos/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    title = models.CharField(
        _("tên ảnh"), max_length=200, help_text=_("Để tìm lại ảnh trong kho; bạn đọc không thấy.")
    )
    credit = models.CharField(
        _("tác giả ảnh"), max_length=120, help_text=_("In dưới ảnh, ví dụ “Lê Hợi” hoặc “TTXVN”.")
    )
    photographer = models.ForeignKey(
        Contributor,
        verbose_name=_("phóng viên ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    licence = models.CharField(
        _("nguồn / bản quyền"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: ảnh tư liệu, CC BY 4.0."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
    )
    created_at = models.DateTimeField(_("ngày tải lên"), default=timezone.now, editable=False)
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Resized copies by alias: [file name, width, height] (articles.images).",
    )

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("kho ảnh")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"], name="photo_created")]

    def __str__(self):
        return self.title


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: published, and the publish time has come.

        Scheduled articles become visible by this filter alone, with no job having to run.
        """
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now)

    def scheduled(self, now=None):
        """Published by an editor, waiting for its publish time (Article.is_scheduled)."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)

    def for_listing(self):
        """Feeds' items: lead, byline, section and photo; the bodies are never read."""
        return (
            self.select_related("section", "primary_region", "featured_photo")
            .prefetch_related(
                models.Prefetch(
                    "credits", queryset=BylineCredit.objects.select_related("contributor")
                )
            )
            .defer("body", "body_html", "search_text")
        )


def published_where(alias: str, now=None) -> tuple[str, list]:
    """ArticleQuerySet.published() as a condition on `alias` for hand-written SQL (related
    articles, most read), with its parameters as the default database stores them: the rule
    stays here, beside the queryset's."""
    now = now or timezone.now()
    as_stored = connection.ops.adapt_datetimefield_value
    return (
        f"{alias}.status = %s AND {alias}.publish_at <= %s",
        [Article.Status.PUBLISHED, as_stored(now)],
    )


@reversion.register(follow=("credits", "photos"))
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("bản nháp")
        REVIEW = "review", _("chờ duyệt")
        PUBLISHED = "published", _("đã xuất bản")
        UNPUBLISHED = "unpublished", _("đã gỡ")

    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=250, unique=True, blank=True)
    lead = models.TextField(_("sapo"), help_text=_("Đoạn mở đầu in đậm dưới tiêu đề."))
    body = models.TextField(_("nội dung"), blank=True)
    # The body as readers get it, photo markers expanded into figures (articles.body), written
    # by the services when the article, its photo uses or a photo it shows change. Empty:
    # not written yet, and the page expands the body itself.
    body_html = models.TextField(_("nội dung đã dựng"), blank=True, default="", editable=False)
    section = models.ForeignKey(
        Section, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    primary_region = models.ForeignKey(
        Region,
        verbose_name=_("địa phương chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_articles",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("địa phương khác"), blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("từ khóa"), blank=True, related_name="articles"
    )
    featured_photo = models.ForeignKey(
        Photo,
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="featured_in",
    )
    featured_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=300, blank=True)
    featured_alt = models.CharField(
        _("mô tả ảnh đại diện (alt)"),
        max_length=300,
        blank=True,
        help_text=_("Cho người đọc bằng trình đọc màn hình: ảnh cho thấy gì."),
    )
    source_label = models.CharField(
        _("nguồn tin"), max_length=80, blank=True, help_text=_("Ví dụ: Baothanhhoa.vn, TTXVN.")
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("tin liên quan (biên tập chọn)"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    comments_enabled = models.BooleanField(_("cho phép bình luận"), default=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        null=True,
        blank=True,
        help_text=_("Để trong tương lai để hẹn giờ đăng."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        editable=False,
    )
    search_text = models.TextField(
        editable=False,
        blank=True,
        help_text="Title, lead and body folded without diacritics, for search on SQLite.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-id"]
        permissions = [
            ("submit_article", _("Gửi bài chờ duyệt")),
            ("publish_article", _("Xuất bản, hẹn giờ và gỡ bài")),
        ]
        indexes = [
            # Published lists, newest first (ties by id, as the lists order them); section and
            # region ride along so that the pool of related articles is read from the index
            # alone (selectors.related_ids on the bench data: SQLite 0.58 -> 0.51 ms, measured
            # side by side; PostgreSQL an index-only scan). The id is a key column, not an
            # INCLUDE: SQLite has no INCLUDE, and it orders the ties.
            models.Index(
                fields=["status", "-publish_at", "-id", "section", "primary_region"],
                name="article_status_pub_cover",
            ),
            models.Index(fields=["section", "status", "-publish_at"], name="article_section_pub"),
            models.Index(
                fields=["primary_region", "status", "-publish_at"], name="article_region_pub"
            ),
            models.Index(fields=["created_by", "status"], name="article_author_status"),
            models.Index(fields=["-updated_at"], name="article_updated"),
            # The admin list's default order and its date hierarchy.
            models.Index(fields=["-publish_at", "-id"], name="article_publish_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return content_url("articles:detail", slug=self.slug, pk=self.pk)

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )


@reversion.register()
class BylineCredit(models.Model):
    """One line of a byline: who did what. Order matters: “Bài: A; Ảnh: B”."""

    class Role(models.TextChoices):
        TEXT = "text", _("Bài")
        PHOTO = "photo", _("Ảnh")
        TEXT_PHOTO = "text_photo", _("Bài và ảnh")
        VIDEO = "video", _("Video")
        GRAPHICS = "graphics", _("Đồ họa")
        TRANSLATION = "translation", _("Dịch")
        GROUP = "group", _("Nhóm (chỉ in tên)")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.TEXT)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("dòng tác giả")
        verbose_name_plural = _("dòng tác giả")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"], name="credit_unique_per_role"
            ),
        ]
        indexes = [models.Index(fields=["contributor", "article"], name="credit_contributor")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.contributor}"


@reversion.register()
class ArticlePhoto(models.Model):
    """A photo used in an article's body, with this use's caption and alt text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    photo = models.ForeignKey(
        Photo, verbose_name=_("ảnh"), on_delete=models.PROTECT, related_name="uses"
    )
    caption = models.CharField(_("chú thích"), max_length=400, blank=True)
    alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=300,
        blank=True,
        help_text=_("Cho người đọc bằng trình đọc màn hình: ảnh cho thấy gì."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh trong bài")
        verbose_name_plural = _("ảnh trong bài")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "photo"], name="articlephoto_unique"),
        ]

    def __str__(self):
        return self.caption or str(self.photo)
