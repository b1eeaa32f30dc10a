"""Fill an empty database with the demo paper; running it again changes nothing.

Every row is looked up by a natural key (slug, username, title) before it is made, so a second
run finds everything in place and writes nothing. Demo users have published passwords, so the
command refuses to run with DEBUG off unless told `--allow-production`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles.models import (
    Article,
    ArticlePhoto,
    Contributor,
    Photo,
    Region,
    Section,
    Tag,
)
from demo import content
from demo.images import draw_scene
from newsroom.vietnamese import slugify


class Command(BaseCommand):
    help = "Tạo nội dung mẫu (báo Thanh Hóa): chuyên mục, địa phương, bài viết, ảnh, bình luận."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (the demo users' passwords are public).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo tạo tài khoản với mật khẩu công khai; chỉ chạy khi DEBUG=1 "
                "(hoặc thêm --allow-production nếu bạn thật sự muốn)."
            )
        self.created = 0
        with transaction.atomic():
            sections = self._sections()
            regions = self._regions()
            contributors = self._contributors()
            users = self._users(contributors)
            photos = self._photos(contributors, users["bientap"])
            articles = self._articles(sections, regions, contributors, photos, users)
            self._comments(articles)
            self._readership(articles, now=timezone.now())
            self._weather(regions)
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo {self.created} bản ghi mẫu."))
        else:
            self.stdout.write("Nội dung mẫu đã có sẵn; không thay đổi gì.")
        self._print_logins()

    def _get_or_create(self, model, lookup, defaults=None):
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
        self.created += created
        return obj

    def _sections(self):
        return {
            slug: self._get_or_create(
                Section,
                {"slug": slug},
                {"name": name, "position": position, "is_local": is_local},
            )
            for slug, name, position, is_local in content.SECTIONS
        }

    def _regions(self):
        regions = {}

        def add(node, parent, position=0):
            slug, name, kind = node[:3]
            coords = node[3] if len(node) > 3 and isinstance(node[3], tuple) else None
            children = node[4] if len(node) > 4 else []
            defaults = {"name": name, "kind": kind, "parent": parent, "position": position}
            if coords:
                defaults.update(latitude=coords[0], longitude=coords[1])
            region = self._get_or_create(Region, {"slug": slug}, defaults)
            regions[slug] = region
            for child_position, child in enumerate(children):
                add(child, region, child_position)

        add(content.REGIONS, None)
        return regions

    def _contributors(self):
        return {
            slug: self._get_or_create(
                Contributor, {"slug": slug}, {"name": name, "affiliation": affiliation}
            )
            for slug, name, affiliation in content.CONTRIBUTORS
        }

    def _users(self, contributors):
        User = get_user_model()
        users = {}
        for username, password, role, first, last, contributor_slug in content.USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@toasoan.example",
                    is_staff=True,
                    is_superuser=role is None,
                )
                user.set_password(password)
                user.save()
                self.created += 1
                if role:
                    user.groups.add(Group.objects.get(name=role))
            if contributor_slug:
                contributor = contributors[contributor_slug]
                if contributor.user_id is None:
                    contributor.user = user
                    contributor.save(update_fields=["user"])
            users[username] = user
        return users

    def _photos(self, contributors, editor):
        from articles.services import photo_save

        photos = {}
        for key, title, credit_slug, palette, seed in content.PHOTOS:
            photo = Photo.objects.filter(title=title).first()
            if photo is None:
                photographer = contributors[credit_slug]
                # Assigned before save so the image field fills in width and height.
                photo = Photo(
                    title=title,
                    credit=photographer.name,
                    photographer=photographer,
                    licence="Ảnh của tòa soạn",
                    image=ContentFile(draw_scene(palette, seed), name=f"{key}.jpg"),
                )
                photo_save(photo=photo, user=editor, image_changed=True)
                self.created += 1
            photos[key] = photo
        return photos

    def _articles(self, sections, regions, contributors, photos, users):
        now = timezone.now()
        articles = {}
        for data in content.ARTICLES:
            slug = slugify(data["title"], max_length=250)
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                article = self._create_article(
                    data, slug, now, sections, regions, contributors, photos, users
                )
            articles[data["title"]] = article
        # Editors' picks for related news, once every article exists.
        first = articles[content.ARTICLES[0]["title"]]
        if not first.related.exists():
            first.related.add(
                articles["Tuyến đường ven biển nối Sầm Sơn với Nghi Sơn sắp thông xe"],
                articles["Khu kinh tế Nghi Sơn đón thêm ba dự án logistics"],
            )
            self.created += 1
        return articles

    def _create_article(self, data, slug, now, sections, regions, contributors, photos, users):
        """Write the article through the newsroom's own services, as a journalist would."""
        from articles import services

        status = data.get("status", Article.Status.PUBLISHED)
        hours_ago = data["hours_ago"]
        publish_at = now - timedelta(hours=hours_ago) if hours_ago is not None else None
        reporter, editor = users["phongvien"], users["bientap"]
        author = reporter if status in {"draft", "review"} else editor
        featured = data.get("featured")
        inline = {index: [] for index in range(len(data["paragraphs"]))}
        for key, caption, alt, after in data["photos"]:
            inline[after].append((key, caption, alt))
        body_parts = []
        for index, paragraph in enumerate(data["paragraphs"]):
            body_parts.append(f"<p>{escape(paragraph)}</p>")
            for key, caption, _alt in inline[index]:
                body_parts.append(
                    f'<figure data-photo-id="{photos[key].pk}"><figcaption>{escape(caption)}'
                    "</figcaption></figure>"
                )
        fields = {
            "primary_region": regions[data["region"]],
            "featured_photo": photos[featured[0]] if featured else None,
            "featured_caption": featured[1] if featured else "",
            "featured_alt": featured[2] if featured else "",
            "source_label": data["source"],
        }
        if author == editor:
            # A new article given a past time publishes now; the paper's back issue is then
            # dated as it was, the way an editor corrects a publish time.
            scheduled = publish_at is not None and publish_at > now
            fields["status"] = Article.Status.PUBLISHED
            fields["publish_at"] = publish_at if scheduled else None
        tags = [
            self._get_or_create(Tag, {"slug": slugify(name)}, {"name": name})
            for name in data["tags"]
        ]
        article = services.article_create(
            user=author,
            title=data["title"],
            lead=data["lead"],
            section=sections[data["section"]],
            body="\n".join(body_parts),
            tags=tags,
            regions=[regions[region_slug] for region_slug in data["regions"]],
            credits=tuple((contributors[c], role) for c, role in data["byline"]),
            **fields,
        ).article
        if article.slug != slug:
            raise CommandError(f"Unexpected slug {article.slug!r} for {data['title']!r}")
        for key, _caption, alt in sum(inline.values(), []):
            ArticlePhoto.objects.filter(article=article, photo=photos[key]).update(alt=alt)
        if author == editor and not article.is_scheduled:
            article = services.article_update(article=article, user=editor, publish_at=publish_at)
            article = article.article
        if status == Article.Status.REVIEW:
            article = services.article_submit(article=article, user=reporter)
        elif status == Article.Status.UNPUBLISHED:
            article = services.article_unpublish(article=article, user=editor)
        self.created += 1
        return article

    def _comments(self, articles):
        """Comments in every moderation state, made through the same services as real ones."""
        from comments import services
        from comments.models import Comment

        moderator = get_user_model().objects.get(username="kiemduyet")
        made = []
        for index, (title, name, body, state, reply_to, edit) in enumerate(content.COMMENTS):
            article = articles[title]
            existing = Comment.objects.filter(
                article=article, author_name=name, original_body=body
            ).first()
            if existing is not None:
                made.append(existing)
                continue
            parent = made[reply_to] if reply_to is not None else None
            comment = services.comment_submit(
                article=article,
                author_name=name,
                body=body,
                parent_id=parent.pk if parent else None,
                now=article.publish_at + timedelta(minutes=20 + 7 * index),
            )
            if state == "approved":
                comment = services.comment_approve(
                    comment_id=comment.pk, by=moderator, version=comment.version, body=edit
                )
            elif state == "rejected":
                comment = services.comment_reject(
                    comment_id=comment.pk,
                    by=moderator,
                    version=comment.version,
                    reason="Bình luận không góp ý cho nội dung bài viết.",
                )
            elif state == "spam":
                comment = services.comment_mark_spam(
                    comment_id=comment.pk, by=moderator, version=comment.version
                )
            made.append(comment)
            self.created += 1

    def _readership(self, articles, *, now):
        """Seven days of view counts, so "Đọc nhiều" has something to rank in the demo."""
        from readership.models import DailyViews

        if DailyViews.objects.exists():
            return  # real counting has started, or an earlier run already seeded them
        today = timezone.localdate(now)
        live = [a for a in articles.values() if a.is_live]
        for rank, article in enumerate(live):
            for days_ago in range(7):
                day = today - timedelta(days=days_ago)
                if day < timezone.localdate(article.publish_at):
                    continue
                # Newer and higher-placed articles are read more; deterministic for re-runs.
                views = max(5, 900 // (rank + 2) - 40 * days_ago + (rank * 37) % 90)
                self._get_or_create(DailyViews, {"article": article, "day": day}, {"views": views})

    def _weather(self, regions):
        """One invented reading for the province until `fetch_weather` brings a real one."""
        from decimal import Decimal

        from weather.models import WeatherReading
        from weather.services import Reading, weather_reading_store

        province = regions[content.REGIONS[0]]
        if WeatherReading.objects.filter(region=province).exists():
            return
        today = timezone.localdate()
        forecast = [
            {"date": (today + timedelta(days=offset)).isoformat(), "code": code,
             "min": low, "max": high, "rain": rain}
            for offset, (code, low, high, rain) in enumerate(
                [(3, 21.0, 27.5, 20), (61, 20.5, 25.0, 70), (2, 19.0, 26.0, 10)]
            )
        ]  # fmt: skip
        weather_reading_store(
            region=province,
            reading=Reading(
                observed_at=timezone.now().replace(minute=0, second=0, microsecond=0),
                temperature=Decimal("24.5"),
                apparent_temperature=Decimal("25.8"),
                humidity=78,
                wind_speed=Decimal("11.2"),
                weather_code=3,
                forecast=forecast,
            ),
        )
        self.created += 1

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write("Tài khoản mẫu (chỉ dùng cho bản demo):")
        for username, password, role, *_ in content.USERS:
            self.stdout.write(f"  {role or 'Quản trị (superuser)':<22} {username:<12} {password}")
        self.stdout.write("Trang quản trị: /quan-tri/")
