"""The source image easy-thumbnails resizes from, opened with bounded memory.

Used through THUMBNAIL_SOURCE_GENERATORS instead of easy_thumbnails.source_generators.pil_image,
which decodes every source at full size. Here:
- an image over MAX_IMAGE_PIXELS is not decoded at all (uploads over it are refused by
  articles.images.validate_image_upload; this catches files that arrived another way);
- a JPEG is decoded at the smallest of 1/1, 1/2, 1/4, 1/8 that still covers the rendition
  (Pillow's draft mode), so a 50-megapixel photo for an 800-pixel rendition costs a sixteenth
  of its full-size memory.
The worst case is then a PNG, WebP or GIF at the pixel limit: about 4 bytes per pixel.
"""

import logging
from io import BytesIO

from django.conf import settings
from easy_thumbnails import utils
from PIL import Image, ImageFile

logger = logging.getLogger(__name__)


def too_many_pixels(width: int, height: int) -> bool:
    return width * height > settings.MAX_IMAGE_PIXELS


def bounded_pil_image(source, exif_orientation=True, **options):
    if not source:
        return None
    image = Image.open(BytesIO(source.read()))  # reads the header only
    if too_many_pixels(*image.size):
        logger.warning(
            "Not resizing %s: %d x %d pixels is over MAX_IMAGE_PIXELS",
            getattr(source, "name", "an image"),
            *image.size,
        )
        return None
    target = max(options.get("size") or (0, 0))
    if target:
        # Both sides at least the rendition's longer side, so the result covers it whatever
        # the EXIF orientation turns out to be. A no-op for formats other than JPEG.
        image.draft(image.mode, (target, target))
    try:
        ImageFile.LOAD_TRUNCATED_IMAGES = True  # as easy-thumbnails' own generator does
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    if exif_orientation:
        image = utils.exif_orientation(image)
    return image
