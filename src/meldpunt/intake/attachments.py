"""Checking what a reporter uploads: the type is read from the bytes, never from the name or the browser."""

import io
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
ALLOWED = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/pdf": None,
}
# Decompression bombs: refuse images larger than this many pixels before decoding them fully.
Image.MAX_IMAGE_PIXELS = 40_000_000


class AttachmentRefused(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedAttachment:
    filename: str
    content_type: str
    data: bytes


def _clean_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "").strip()
    return base[:200] or "bestand"


def _strip_image_metadata(data: bytes, pil_format: str) -> bytes:
    """Re-encode the pixels only: EXIF (location, device, time), XMP and comments are dropped."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            out = io.BytesIO()
            if pil_format == "JPEG":
                clean.convert("RGB").save(out, format="JPEG", quality=90)
            else:
                clean.save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise AttachmentRefused(_("Dit plaatje kunnen we niet openen. Probeer een ander bestand.")) from exc


def attachment_check(*, filename: str, data: bytes) -> CheckedAttachment:
    if not data:
        raise AttachmentRefused(_("Het bestand %(name)s is leeg.") % {"name": _clean_filename(filename)})
    if len(data) > MAX_FILE_BYTES:
        raise AttachmentRefused(_("Het bestand %(name)s is groter dan 10 MB.") % {"name": _clean_filename(filename)})
    kind = filetype.guess(data)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED:
        raise AttachmentRefused(
            _("Het bestand %(name)s is geen JPG, PNG of PDF.") % {"name": _clean_filename(filename)}
        )
    pil_format = ALLOWED[content_type]
    clean = _strip_image_metadata(data, pil_format) if pil_format else data
    return CheckedAttachment(filename=_clean_filename(filename), content_type=content_type, data=clean)
