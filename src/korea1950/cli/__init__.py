"""The `korea1950` command line: one module per subcommand, registered in ``main``."""
