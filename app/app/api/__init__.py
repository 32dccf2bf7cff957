"""HTTP layer: FastAPI app, routes, auth, error mapping, request logging. No ML or AWS code here."""
