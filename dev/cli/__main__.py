from dev.cli.main import app

app()
