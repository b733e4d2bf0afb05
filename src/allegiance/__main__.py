from allegiance.cli.main import run

run()
