"""The Teams app package an administrator uploads: `dist/policybot-teams.zip`.

    make teams-package          # = .venv/bin/python -m adapters.teams.package [--out PATH]

`manifest.json` beside this module is a template: `{{MICROSOFT_APP_ID}}`, `{{POLICYBOT_BASE_URL}}`,
`{{POLICYBOT_HOST}}` and `{{APP_VERSION}}` are filled from the settings (environment or
`.env`). The zip holds the manifest and the two icons at its root, as Teams requires.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import uuid
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

from bot.settings import PROJECT_ROOT, Settings

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "manifest.json"
ICONS = ("color.png", "outline.png")
DEFAULT_OUT = PROJECT_ROOT / "dist" / "policybot-teams.zip"
_PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")


class PackageError(ValueError):
    """The settings cannot make an uploadable package; the message says what to set."""


def values(settings: Settings) -> dict[str, str]:
    app_id = settings.extra.get("MICROSOFT_APP_ID", "").strip()
    if not app_id:
        raise PackageError("Set MICROSOFT_APP_ID to the Azure Bot's Microsoft App ID (a GUID) before packaging.")
    try:
        uuid.UUID(app_id)
    except ValueError:
        raise PackageError(f"MICROSOFT_APP_ID must be the Azure Bot's app id, a GUID; {app_id!r} is not one.") from None
    base = settings.base_url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme != "https" or not parts.hostname:
        raise PackageError(
            f"POLICYBOT_BASE_URL is {base!r}; Teams needs the bot's public https address (e.g. https://policybot.example.org), "
            "which is also where the answer and policy links point."
        )
    try:
        version = metadata.version("policybot")
    except metadata.PackageNotFoundError:
        version = "0.1.0"
    version = ".".join((version.split("+")[0].split(".") + ["0", "0"])[:3])
    return {"MICROSOFT_APP_ID": app_id, "POLICYBOT_BASE_URL": base, "POLICYBOT_HOST": parts.hostname, "APP_VERSION": version}


def render_manifest(settings: Settings, template: str | None = None) -> dict[str, Any]:
    """The manifest with every placeholder filled; unknown placeholders are an error."""
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    known = values(settings)
    missing = sorted({m for m in _PLACEHOLDER.findall(text) if m not in known})
    if missing:
        raise PackageError(f"manifest.json uses placeholders with no value: {', '.join(missing)}")
    # Substitute inside JSON strings safely: each value is JSON-escaped without its quotes.
    filled = _PLACEHOLDER.sub(lambda m: json.dumps(known[m.group(1)])[1:-1], text)
    return json.loads(filled)


def build_package(settings: Settings, out: Path = DEFAULT_OUT) -> Path:
    manifest = render_manifest(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for name in ICONS:
            z.write(HERE / name, arcname=name)
    tmp.replace(out)  # never leave a half-written zip where an admin would pick it up
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.teams.package", description="Build the Teams app package (zip).")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write the zip (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
    settings = Settings.from_env()
    try:
        path = build_package(settings, args.out)
    except PackageError as exc:
        print(f"teams-package: {exc}", file=sys.stderr)
        return 2
    print(f"{path}: upload it in Teams (Apps › Manage your apps › Upload an app) or the Teams admin center.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
