"""The `argmap` program (`python -m argmap`, and the `argmap` script): `argmap.cli.run`."""

from argmap import collector


def main() -> None:
    # Before the command line is imported: the collector walked click's import too (2-3 ms).
    collector.pause_start_up()
    from argmap.cli import run

    run()


if __name__ == "__main__":
    main()
