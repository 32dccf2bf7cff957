"""AWS emulator for the local platform: LocalStack core plus a provider plugin (see README.md)."""
