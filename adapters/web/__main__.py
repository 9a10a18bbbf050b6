"""`python -m adapters.web [--host H] [--port P]`: what `policybot serve` runs."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m adapters.web", description="Serve the policybot web pages and JSON API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=3978, help="port (default 3978; 0 picks a free one)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log requests and start-up")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from dotenv import load_dotenv

    from adapters.web.app import run
    from bot.settings import Settings

    load_dotenv(Path.cwd() / ".env", override=False)
    try:
        run(Settings.from_env(), host=args.host, port=args.port)
    except OSError as exc:  # port in use, address not available
        print(f"policybot: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
