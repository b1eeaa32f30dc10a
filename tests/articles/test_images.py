"""Uploads: what is refused before anything is stored, with messages a journalist understands."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import srcset, validate_image_upload
from tests.articles.conftest import photo_via_service
from tests.factories import image_bytes


def upload(content, name="anh.jpg"):
    return SimpleUploadedFile(name, content)


def encoded(fmt, size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_accepted_formats_pass_and_leave_the_file_readable(fmt):
    file = upload(encoded(fmt))
    validate_image_upload(file)
    assert file.read(2)  # rewound for whoever reads it next


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "not_image"),
        (b"%PDF-1.7 this is a document", "not_image"),
        (image_bytes(20, 20)[:60], "not_image"),  # a truncated JPEG
        (encoded("BMP"), "bad_format"),
        (encoded("TIFF"), "bad_format"),
    ],
)
def test_refused_uploads(content, code):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(content))
    assert error.value.code == code
    assert error.value.messages[0][0].isupper()  # a sentence, in Vietnamese


def test_too_large_is_refused_before_decoding(settings):
    settings.MAX_UPLOAD_IMAGE_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(b"x" * 2048))
    assert error.value.code == "too_large"
    assert "Ảnh quá lớn" in error.value.messages[0]


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(encoded("PNG", size=(100, 100))))
    assert error.value.code == "too_many_pixels"


@pytest.mark.django_db
def test_srcset_lists_each_width_once_for_a_small_photo(editor):
    photo = photo_via_service(editor, width=500, height=300)
    default, candidates = srcset(photo)
    assert [part.rsplit(" ", 1)[1] for part in candidates.split(", ")] == ["480w", "500w"]
    assert (default.width, default.height) == (500, 300)
