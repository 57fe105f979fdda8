"""The PyInstaller bundle builds from touchdesk.spec and passes its own self-test (slow: ~2-3 min)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bundle_builds_and_passes_its_self_test(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "touchdesk.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    app = tmp_path / "dist" / "touchdesk" / "touchdesk"
    assert app.is_file()
    bundled = tmp_path / "dist" / "touchdesk" / "_internal" / "touchdesk"
    assert (bundled / "resources" / "fonts" / "Vazirmatn-Regular.ttf").is_file()
    assert (bundled / "locale" / "fa" / "LC_MESSAGES" / "touchdesk.mo").is_file()
    assert (bundled / "data" / "migrations" / "versions").is_dir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    version = subprocess.run(
        [str(app), "--version"], capture_output=True, text=True, timeout=60, env=env
    )
    assert version.stdout.strip().startswith("TouchDesk ")
    result = subprocess.run(
        [str(app), "--self-test"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "self-test passed" in result.stdout
