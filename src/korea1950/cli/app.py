"""`korea1950 app`: serve the classroom page on this machine."""

import argparse

from korea1950.cli.common import bounded_int

COMMAND = "app"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `app` subcommand."""
    parser = subparsers.add_parser("app", help="serve the classroom page (Solara)",
                                   description="Serve the classroom page: scenario, reading, "
                                               "switches, worlds and seed in the sidebar; every "
                                               "change recomputes the worlds beside a cached "
                                               "baseline. Open the address it prints.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=bounded_int(1, 65_535), default=8765)
    parser.add_argument("--no-anticipate", dest="anticipate", action="store_false",
                        help="do not compute ahead, at the lowest priority, the settings one "
                             "switch or scenario from what each page shows (by default a "
                             "switch flipped from there is answered from the cache)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Serve the classroom page until Ctrl-C; print its address first (``serve``)."""
    from korea1950.teaching.app.serve import check_free, serve

    check_free(args.host, args.port)
    print(f"korea1950 classroom page on http://{args.host}:{args.port}/ (Ctrl-C to stop)",
          flush=True)
    return serve(args.host, args.port, anticipate=args.anticipate)
