import os
import shutil
from pathlib import Path

import pytest

from tests.site.factories import make_scene

ROOT = Path(__file__).resolve().parents[2]


def vnu_path() -> str | None:
    """The Nu HTML checker's jar: NEWSROOM_VNU_JAR, else the one `make tools` installs."""
    configured = os.environ.get("NEWSROOM_VNU_JAR")
    candidate = (
        Path(configured) if configured else ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
    )
    return str(candidate) if candidate.exists() else None


def java_path() -> str | None:
    return shutil.which("java")


@pytest.fixture
def scene(db):
    return make_scene()
