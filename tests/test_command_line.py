"""The command line loads what the command needs, and still knows every command.

Why it matters: the modules of ``study``, ``weigh``, ``sensitivity`` and
``compare`` load matplotlib, SciPy's statistics and SALib (about a second), which
``explain``, ``play``, ``list`` and ``run`` do not use.
"""

import importlib
import pkgutil
import subprocess
import sys

import pytest

import korea1950.cli
from korea1950.cli.main import COMMAND_ORDER, build_parser, invoked, main

HEAVY = ("korea1950.cli.study", "korea1950.cli.weigh", "korea1950.cli.sensitivity",
         "korea1950.cli.compare", "matplotlib.pyplot", "SALib")


def loaded_after(argv: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` modules loaded by running ``korea1950 <argv>`` in a fresh interpreter."""
    script = ("import sys\nfrom korea1950.cli.main import main\n"
              f"code = main({argv!r})\n"
              f"print('LOADED', [m for m in {heavy!r} if m in sys.modules], code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("LOADED"))
    assert line.endswith(" 0"), done.stdout[-500:]
    return eval(line[len("LOADED "):line.rindex("]") + 1])


@pytest.mark.parametrize("argv", [["list"], ["rules", "--json"],
                                  ["explain", "baseline", "--seed", "3"]])
def test_a_light_command_loads_none_of_the_heavy_modules(argv):
    assert loaded_after(argv) == []


def test_list_loads_neither_mesa_nor_pandas():
    # the package's exports load on first use, so that the command line starts at once
    assert loaded_after(["list"], ("mesa", "pandas", "korea1950.simulation.model")) == []


def test_every_command_module_is_named_as_its_command():
    # the lazy parser finds a command's module by the command's name
    registering = []
    for info in pkgutil.iter_modules(korea1950.cli.__path__):
        module = importlib.import_module(f"korea1950.cli.{info.name}")
        if callable(getattr(module, "register", None)):
            assert info.name == module.COMMAND
            registering.append(info.name)
    assert set(COMMAND_ORDER) <= set(registering)


def test_only_the_named_command_is_parsed_and_help_lists_them_all(capsys):
    assert invoked(["explain", "baseline"]) == "explain"
    assert invoked(["--help"]) is None and invoked([]) is None
    assert invoked(["-h", "run"]) is None, "an option first: the full parser answers"
    one = build_parser("explain")._subparsers._group_actions[0].choices
    assert list(one) == ["explain"]
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in (*COMMAND_ORDER, "rules"))


def test_a_misspelt_command_is_one_line_naming_the_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["explian", "baseline"])
    assert done.value.code == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "invalid choice: 'explian'" in error and "'explain'" in error


def test_a_ctrl_c_while_the_command_loads_is_one_line_and_exit_130(monkeypatch, capsys):
    # the command's module loads numpy and Mesa for about a second after the command
    # starts; a Ctrl-C then used to print Python's traceback
    def interrupted_import(name):
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib, "import_module", interrupted_import)
    assert main(["run", "baseline"]) == 130
    assert capsys.readouterr().err == "korea1950: interrupted\n"


def test_the_packages_exports_are_listed_once_and_all_load():
    import korea1950

    assert set(korea1950.__all__) == {"__version__", *korea1950.EXPORTS}
    assert set(korea1950.EXPORTS) <= set(dir(korea1950)), "tab completion offers them"
    for name in korea1950.EXPORTS:
        assert getattr(korea1950, name) is not None
    with pytest.raises(AttributeError):
        korea1950.no_such_export  # noqa: B018
