"""`python -m powtrack`: the same as the `powtrack` command."""

from powtrack.cli import cli

if __name__ == "__main__":
    cli(prog_name="powtrack")
