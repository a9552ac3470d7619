"""scripts/bootstrap's decisions, with stand-ins for apt, dpkg and Python: on a Debian python3 that
lacks the venv module it installs python3-venv with apt, makes .venv and installs qcdesk into it;
run again it does nothing; it reinstalls when pyproject.toml changes, makes .venv anew for another
Python, and refuses a Python older than 3.11. (The real thing is run from a fresh clone by CI.)"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_MODULE = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"

STAND_INS = {
    # A Debian python3: no ensurepip until apt has installed python3-venv; `-m venv` makes a stand-in.
    "python3": r"""#!/bin/bash
if [ "$1" = -m ] && [ "$2" = venv ]; then
  echo "venv $3 ($FAKE_TAG)" >> "$FAKE_LOG"
  mkdir -p "$3/bin" && cp "$FAKE_BIN/venv-python" "$3/bin/python" && echo "$FAKE_TAG" > "$3/tag"
  exit 0
fi
if [ "$1" = -c ]; then
  case "$2" in
    *ensurepip*) [ -e "$FAKE_STATE/python3-venv" ] || exit 1 ;;
    *"(3, 11)"*) [ -z "$FAKE_OLD" ] || exit 1 ;;
    *base_prefix*) echo "$FAKE_TAG"; exit 0 ;;
  esac
fi
[ "$1" = -V ] && [ -n "$FAKE_OLD" ] && { echo "Python 3.10.12"; exit 0; }
exec "$REAL_PY" "$@"
""",
    # The Python inside .venv: pip installs are recorded, and give the qcdesk command.
    "venv-python": r"""#!/bin/bash
here=$(dirname "$0")
if [ "$1" = -m ] && [ "$2" = pip ]; then
  echo "pip ${*:3}" >> "$FAKE_LOG"
  touch "$here/qcdesk" "$here/../installed" && chmod +x "$here/qcdesk"
  exit 0
fi
if [ "$1" = -c ]; then
  case "$2" in
    *'m.version("qcdesk")'*) [ -e "$here/../installed" ]; exit $? ;;
    *base_prefix*) cat "$here/../tag"; exit 0 ;;
  esac
fi
exec "$REAL_PY" "$@"
""",
    "apt-get": r"""#!/bin/bash
echo "apt-get $*" >> "$FAKE_LOG"
for arg in "$@"; do [ "$arg" = python3-venv ] && touch "$FAKE_STATE/python3-venv"; done
exit 0
""",
    "dpkg-query": r"""#!/bin/bash
case "${@: -1}" in
  python3-venv|python3.*-venv) [ -e "$FAKE_STATE/python3-venv" ] || exit 1 ;;
esac
printf 'install ok installed'
""",
    "apt-cache": r"""#!/bin/bash
[ "$1" = show ] && [[ "$2" == python3.*-venv ]]
""",
    "sudo": '#!/bin/bash\nexec "$@"\n',
}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "qcdesk"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "bootstrap", repo / "scripts" / "bootstrap")
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in STAND_INS.items():
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    (tmp_path / "state").mkdir()
    return repo


def bootstrap(repo: Path, **extra: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    base = repo.parent
    log = base / "calls.log"
    log.write_text("", encoding="utf-8")
    env = {"PATH": f"{base / 'bin'}:/usr/bin:/bin", "HOME": str(base), "LANG": "C.UTF-8",
           "FAKE_LOG": str(log), "FAKE_BIN": str(base / "bin"), "FAKE_STATE": str(base / "state"),
           "REAL_PY": sys.executable, "FAKE_TAG": "debian-python3", "PYTHON": str(base / "bin" / "python3"),
           **extra}
    done = subprocess.run(["bash", str(repo / "scripts" / "bootstrap")], env=env, capture_output=True,
                          text=True, timeout=120)
    return done, log.read_text(encoding="utf-8").splitlines()


def test_a_debian_python_without_venv_gets_it_from_apt_then_a_venv(checkout: Path) -> None:
    done, calls = bootstrap(checkout)
    assert done.returncode == 0, done.stderr
    assert calls[0] == "apt-get update -qq"
    assert calls[1] == f"apt-get install -y -qq --no-install-recommends python3-venv {VENV_MODULE}"
    assert calls[2] == "venv .venv (debian-python3)"
    assert calls[3].startswith("pip install") and calls[3].endswith("-e .[test]")
    assert len(calls) == 4
    assert (checkout / ".venv" / "bin" / "qcdesk").is_file()
    assert "ready" in done.stderr


def test_run_again_it_changes_nothing_until_pyproject_changes(checkout: Path) -> None:
    bootstrap(checkout)
    done, calls = bootstrap(checkout)
    assert done.returncode == 0 and calls == []
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as f:
        f.write("\n# a new dependency\n")
    done, calls = bootstrap(checkout)
    assert done.returncode == 0 and len(calls) == 1 and calls[0].startswith("pip install")


def test_another_python_makes_the_venv_anew(checkout: Path) -> None:
    bootstrap(checkout)
    done, calls = bootstrap(checkout, FAKE_TAG="python3.12")
    assert done.returncode == 0
    assert "made with another Python" in done.stderr
    assert calls[0] == "venv .venv (python3.12)" and calls[1].startswith("pip install")
    # Without PYTHON the .venv that is there is kept, whichever Python made it.
    done, calls = bootstrap(checkout, PYTHON="")
    assert done.returncode == 0 and calls == []


def test_a_python_older_than_3_11_is_refused_with_a_message(checkout: Path) -> None:
    done, calls = bootstrap(checkout, FAKE_OLD="1")
    assert done.returncode == 1
    assert "qcdesk needs Python 3.11 or newer" in done.stderr and "3.10.12" in done.stderr
    assert not (checkout / ".venv").exists() and not any(c.startswith("venv") for c in calls)
