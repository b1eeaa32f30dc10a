"""Photo renditions: resized copies made by easy-thumbnails, never the original upload.

Renditions are made once, when a photo is saved (`articles.services.photo_save`), and their
names and sizes are kept on the photo (`Photo.renditions`), so pages build `srcset` without
touching the disk or easy-thumbnails' tables: one query for all the photos of a page.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from easy_thumbnails.alias import aliases
from easy_thumbnails.files import get_thumbnailer
from easy_thumbnails.storage import thumbnail_default_storage
from PIL import Image, UnidentifiedImageError

from articles.image_sources import too_many_pixels
from articles.models import Photo

logger = logging.getLogger(__name__)

# Widths offered to the browser in srcset, narrowest first (aliases in THUMBNAIL_ALIASES).
RESPONSIVE_ALIASES = ("w480", "w800", "w1200")
ALIASES = (*RESPONSIVE_ALIASES, "card")
# What the <img> asks for before the browser picks from srcset: fits an article column.
DEFAULT_ALIAS = "w800"
BODY_SIZES = "(max-width: 800px) 100vw, 800px"
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def make_renditions(photo: Photo) -> dict[str, list]:
    """Resize the photo for every alias and return what `Photo.renditions` stores."""
    thumbnailer = get_thumbnailer(photo.image)
    made = {}
    for alias in ALIASES:
        options = aliases.get(alias)
        if options is None:
            continue
        thumbnail = thumbnailer.get_thumbnail(options)
        made[alias] = [thumbnail.name, thumbnail.width, thumbnail.height]
    return made


def renditions(photo: Photo) -> dict[str, Rendition]:
    stored = photo.renditions or {}
    if not all(alias in stored for alias in ALIASES if aliases.get(alias)):
        # A photo saved without the service (a fixture, an old row): make them now, once.
        stored = make_renditions(photo)
        Photo.objects.filter(pk=photo.pk).update(renditions=stored)
        photo.renditions = stored
    return {
        alias: Rendition(thumbnail_default_storage.url(name), width, height)
        for alias, (name, width, height) in stored.items()
    }


def srcset(photo: Photo) -> tuple[Rendition, str]:
    """The default rendition and a srcset of the responsive widths (duplicates dropped)."""
    made = renditions(photo)
    seen, parts = set(), []
    for alias in RESPONSIVE_ALIASES:
        rendition = made.get(alias)
        if rendition and rendition.width not in seen:
            seen.add(rendition.width)
            parts.append(f"{rendition.url} {rendition.width}w")
    default = made.get(DEFAULT_ALIAS) or next(iter(made.values()))
    return default, ", ".join(parts)


def validate_image_upload(upload) -> None:
    """Refuse, with a clear message, what is not a picture we can publish or is too large."""
    limit = settings.MAX_UPLOAD_IMAGE_BYTES
    if upload.size > limit:
        raise ValidationError(
            _(
                "Ảnh quá lớn (%(size)s MB). Giới hạn là %(limit)s MB: hãy giảm kích thước ảnh rồi "
                "tải lên lại."
            ),
            code="too_large",
            params={"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:  # the header only: nothing is decoded yet
            image_format = image.format
            width, height = image.size
            if too_many_pixels(width, height):
                raise ValidationError(
                    _(
                        "Ảnh %(width)s × %(height)s điểm ảnh (%(pixels)s triệu điểm ảnh) vượt "
                        "giới hạn %(limit)s triệu điểm ảnh. Hãy thu nhỏ ảnh rồi tải lên lại."
                    ),
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "pixels": f"{width * height / 1e6:.0f}",
                        "limit": f"{settings.MAX_IMAGE_PIXELS / 1e6:.0f}",
                    },
                )
            image.verify()
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Ảnh có quá nhiều điểm ảnh để xử lý. Hãy thu nhỏ ảnh rồi tải lên lại."),
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        logger.info("Refused an upload that is not an image: %s", error)
        raise ValidationError(
            _("Tệp này không phải là ảnh, hoặc ảnh đã bị hỏng. Hãy chọn tệp JPEG, PNG hoặc WebP."),
            code="not_image",
        ) from error
    finally:
        upload.seek(position)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh %(format)s chưa được hỗ trợ. Hãy dùng JPEG, PNG hoặc WebP."),
            code="bad_format",
            params={"format": image_format},
        )
