"""`korea1950 app`: serve the classroom page on this machine."""

import argparse
import subprocess
import sys

from korea1950.cli.common import positive_int

COMMAND = "app"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `app` subcommand."""
    parser = subparsers.add_parser("app", help="serve the classroom page (SolaraViz)",
                                   description="Serve the classroom page: scenario, reading "
                                               "and switches in the sidebar; press Reset to "
                                               "recompute the worlds.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=positive_int, default=8765)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run Solara's server in production mode and print the address."""
    print(f"korea1950 classroom page on http://{args.host}:{args.port}/ (Ctrl-C to stop)",
          flush=True)
    command = [sys.executable, "-m", "solara", "run", "korea1950.teaching.app.page:Page", "--host",
               args.host, "--port", str(args.port), "--production", "--no-open"]
    return subprocess.call(command)
