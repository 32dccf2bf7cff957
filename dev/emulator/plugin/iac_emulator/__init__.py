"""LocalStack core plugin of the iac-template emulator: moto-backed services, fixes and a write-back API."""
