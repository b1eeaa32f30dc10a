"""Issue 14, item 4: an image's pixel count is bounded before anything decodes it.

A PNG states its size in its first chunk, so a file of a few hundred kilobytes can declare
169 megapixels; decoded, it cost 13 s and 788 MB. These tests build such a file (a header and a
sliver of data: nothing here allocates the pixels) and check where it stops.
"""

import io
import struct
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.image_sources import bounded_pil_image
from articles.images import validate_image_upload
from articles.models import Photo
from newsroom.roles import EDITOR
from tests.factories import image_bytes, make_user


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def declared_png(width: int, height: int) -> bytes:
    """A greyscale PNG that declares width x height and carries one compressed row."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" + b"\x00" * width, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", row) + _chunk(b"IEND", b"")
    )


def test_a_169_megapixel_png_is_refused_from_its_header_with_the_numbers():
    content = declared_png(13_000, 13_000)
    assert len(content) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            validate_image_upload(SimpleUploadedFile("ban-do.png", content))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.value.code == "too_many_pixels"
    message = error.value.messages[0]
    assert "13000 × 13000" in message and "169 triệu" in message and "50 triệu" in message
    assert peak < 5_000_000  # the 169 MB of pixels were never allocated


def test_the_limit_is_a_setting(settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    validate_image_upload(SimpleUploadedFile("a.jpg", image_bytes(1000, 1000)))
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("b.jpg", image_bytes(1001, 1000)))
    assert error.value.code == "too_many_pixels"


@pytest.mark.django_db
def test_the_admin_refuses_it_in_vietnamese_and_stores_nothing(client):
    client.force_login(make_user("bientap", role=EDITOR))
    upload = SimpleUploadedFile("ban-do.png", declared_png(13_000, 13_000), "image/png")
    data = {"image": upload, "title": "Bản đồ quy hoạch", "credit": "Sở Xây dựng"}
    response = client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert "vượt giới hạn 50 triệu điểm ảnh" in response.content.decode()
    assert not Photo.objects.exists()


def test_renditions_never_decode_an_image_over_the_limit(settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    source = ContentFile(image_bytes(1200, 1000), name="lon.jpg")
    assert bounded_pil_image(source, size=(480, 0)) is None


def test_a_large_jpeg_is_decoded_at_the_smallest_scale_that_covers_the_rendition():
    source = ContentFile(image_bytes(4000, 3000), name="anh.jpg")
    tracemalloc.start()
    try:
        image = bounded_pil_image(source, size=(480, 0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert image.size == (1000, 750)  # 1/4: the largest side still covers 480 both ways
    # Full size is 36 MB of RGB; the file itself is read into memory once.
    assert peak < 12_000_000
    full = Image.open(io.BytesIO(image_bytes(4000, 3000)))
    assert full.size == (4000, 3000)


def test_a_cropped_rendition_still_gets_enough_pixels_in_a_portrait_photo():
    source = ContentFile(image_bytes(3000, 4000), name="doc.jpg")
    image = bounded_pil_image(source, size=(400, 250))
    assert min(image.size) >= 400
