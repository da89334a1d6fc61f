#!/usr/bin/env bash
# Run the unit, claims and notebook tests in a compatibility environment, with the course
# installed as its users install it: not editable, and from a folder outside this checkout.
#
#   scripts/compat_test.sh colab   older libraries, as a hosted service (Colab) carries;
#                                  the package installed by the Colab setup cell's own line
#   scripts/compat_test.sh floor   the lowest versions pyproject.toml declares; the package
#                                  installed from the wheel built from this checkout
#
# The environment is built once into .compat/NAME (git-ignored) and rebuilt only when
# tests/compat/NAME.txt or tests/compat/tools.txt changes; pip's cache keeps the wheels.
set -euo pipefail
NAME=${1:?usage: scripts/compat_test.sh colab|floor}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV=$ROOT/.compat/$NAME
REQ=$ROOT/tests/compat/$NAME.txt
TOOLS=$ROOT/tests/compat/tools.txt
[ -f "$REQ" ] || { echo "no such environment: $NAME (tests/compat/$NAME.txt)" >&2; exit 2; }
PIP=("$ENV/bin/python" -m pip --disable-pip-version-check)

# The Python an environment runs on: its pins file's `# python: X.Y` line (Colab's runtime
# is newer than ours), else $PYTHON (python3). An X.Y is looked for on PATH, then among
# pyenv's versions; missing, it is an error, never a silent fallback to another Python.
want_py=$(sed -n 's/^# python: *\([0-9.]*\).*/\1/p' "$REQ")
if [ -n "$want_py" ]; then
  PYTHON=""
  if "python$want_py" -c "" 2>/dev/null; then  # (a pyenv shim is on PATH but may not run)
    PYTHON=$(command -v "python$want_py")
  else
    for cand in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$want_py"*/bin/"python$want_py"; do
      [ -x "$cand" ] && PYTHON=$cand
    done
  fi
  [ -n "$PYTHON" ] || { echo "environment '$NAME' needs Python $want_py (tests/compat/$NAME.txt):" \
    "put python$want_py on PATH (e.g. pyenv install $want_py)" >&2; exit 2; }
else
  PYTHON=${PYTHON:-python3}
fi

# Wheels are kept outside the checkout (Colab's torch build is a download of several GB):
# downloaded once, then every rebuild (a fresh clone has no .compat/) installs from here.
WHEELS=${INITLAB_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/initlab/wheels}

echo "== compatibility environment '$NAME' =="
want=$(cat "$REQ" "$TOOLS" | sha256sum | cut -d' ' -f1)
if [ ! -f "$ENV/.built-from" ] || [ "$(cat "$ENV/.built-from")" != "$want" ]; then
  rm -rf "$ENV"
  "$PYTHON" -m venv "$ENV"
  "${PIP[@]}" install --quiet --upgrade pip
  mkdir -p "$WHEELS"
  start=$(date +%s)
  "${PIP[@]}" download --quiet -d "$WHEELS" -r "$REQ" -r "$TOOLS" \
    2> >(grep -v "^WARNING: Location" >&2)
  echo "  wheels for '$NAME' ready in $(( $(date +%s) - start )) s ($(du -sh "$WHEELS" | cut -f1) cached)"
  "${PIP[@]}" install --quiet --no-index --find-links "$WHEELS" -r "$REQ" -r "$TOOLS"
  echo "$want" > "$ENV/.built-from"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/initlab-$NAME.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Install the package as a user would, and check that doing so changed none of the
# environment's own libraries (Colab's torch, matplotlib and ipywidgets must stay).
"${PIP[@]}" uninstall --quiet --yes initlab-utils >/dev/null 2>&1 || true
"${PIP[@]}" freeze --exclude initlab-utils | sort > "$WORK/before.txt"
if [ "$NAME" = colab ]; then
  # The setup cell's line, `%pip install ... "initlab-utils @ git+https://github.com/...@main"`,
  # pointed at this checkout's committed HEAD instead of the public repository.
  if [ -n "$(git -C "$ROOT" status --porcelain -- initlab_utils pyproject.toml)" ]; then
    echo "note: uncommitted changes under initlab_utils/ are not in what Colab's line installs" >&2
  fi
  line=$("$ENV/bin/python" - "$ROOT" <<'PY'
import json, re, shlex, subprocess, sys
root = sys.argv[1]
nb = json.load(open(f"{root}/notebooks/01_zero_init.ipynb"))
setup = next(c for c in nb["cells"] if "setup" in c.get("metadata", {}).get("tags", []))
(line,) = [l.strip() for l in "".join(setup["source"]).splitlines() if "%pip install" in l]
head = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                      text=True, check=True).stdout.strip()
line = re.sub(r"git\+https://github\.com/[\w.-]+/[\w.-]+@[\w./-]+", f"git+file://{root}@{head}", line)
print(" ".join(shlex.quote(a) for a in shlex.split(line.split("%pip install", 1)[1])))
PY
)
  echo "installing as Colab's setup cell does: pip install $line"
  eval "\"\${PIP[@]}\" install $line"
else
  # From a clean copy of the files a clone would have: a build inside the checkout can
  # pick up a stale build/ or *.egg-info and ship modules that no longer exist.
  mkdir "$WORK/src"
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
     | xargs -0 -I{} sh -c 'test -f "{}" && cp --parents "{}" "$0"' "$WORK/src")
  "${PIP[@]}" wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
  echo "installing the built wheel: $(basename "$WORK"/dist/*.whl)"
  "${PIP[@]}" install --quiet "$WORK"/dist/*.whl
fi
"${PIP[@]}" freeze --exclude initlab-utils | sort > "$WORK/after.txt"
if ! diff -u "$WORK/before.txt" "$WORK/after.txt"; then
  echo "installing initlab-utils changed the environment's libraries (above)" >&2
  exit 1
fi
"$ENV/bin/python" -c "import importlib.metadata as m
print('  ' + ', '.join(f'{p} {m.version(p)}' for p in
      ['torch', 'numpy', 'scipy', 'matplotlib', 'pillow', 'scikit-learn', 'ipywidgets']))"

# Run from a folder outside the checkout, as a Colab session runs from its own: the only
# initlab_utils to import is the installed one (tests/conftest.py checks). The tests and
# notebooks come from the same source as the package: Colab's line installs the committed
# HEAD, the wheel is built from the working tree.
if [ "$NAME" = colab ]; then
  git -C "$ROOT" archive HEAD tests notebooks | tar -x -C "$WORK"
else
  cp -r "$ROOT/tests" "$ROOT/notebooks" "$WORK/"
fi
rm -rf "$WORK/tests/browser" "$WORK/tests/compat"
cd "$WORK"
# Modules that check the checkout's own files (marked `repo`) have nothing to check here.
grep -l "^pytestmark = pytest.mark.repo" tests/*.py | xargs rm -f
# The Korean edition runs the English code cells; its text differs, not its code. One
# Korean notebook (the playground: every widget, in Korean) runs here; the main run has all.
find notebooks/ko -name "*.ipynb" ! -name "06_playground.ipynb" -delete
# ipykernel 6.17's debugger warns at every kernel start on Python 3.13 (frozen modules);
# Colab prints the same. The validation it asks to skip only concerns a debugger.
export PYDEVD_DISABLE_FILE_VALIDATION=1
# The timeout is per test, a shared training fixture included: three runs share two cores.
INITLAB_EXPECT_INSTALLED=1 "$ENV/bin/python" -m pytest tests notebooks -m "not repo" \
  -p no:cacheprovider --nbval-lax --nbval-current-env --timeout 1800 -q "${@:2}"
