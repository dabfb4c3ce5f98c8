"""An installed wheel is one namespace: vraagbaak.ingest, vraagbaak.index, ... and no generic top-level names."""

import shutil
import subprocess
import sys
import zipfile

from tests.conftest import ROOT


def test_the_wheel_installs_everything_under_vraagbaak(tmp_path):
    source = tmp_path / "source"  # built from a copy, so the work tree gets no build/ folder
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "data", "build", "test-artifacts",
                                                               "__pycache__", "*.egg-info", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "wheel")], check=True, capture_output=True, timeout=300)
    [wheel] = (tmp_path / "wheel").glob("vraagbaak-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"vraagbaak"}
    assert {"vraagbaak/index/search.py", "vraagbaak/service/static/widget.js", "vraagbaak/eval/qa.jsonl"} <= set(names)

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    probe = ("import vraagbaak.index.search as s, importlib.util as u; print(s.__file__); "
             "print(u.find_spec('index'), u.find_spec('service'), u.find_spec('eval')); "
             "from vraagbaak.config import Settings; print(Settings().calibration_file)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    location, missing, calibration = done.stdout.splitlines()
    assert location.startswith(str(site / "vraagbaak" / "index"))
    assert missing == "None None None"  # `import index` does not work
    assert calibration == str(site / "vraagbaak" / "eval" / "calibration.json")  # was site/eval/…: uncalibrated
