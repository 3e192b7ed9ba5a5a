"""``python -m pipeline.model``: the model CLI before (and besides) ``python -m pipeline model``."""
import argparse
import sys

from .cli import configure_parser, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.model",
                                     description="Train the Swedish NER model.")
    configure_parser(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
